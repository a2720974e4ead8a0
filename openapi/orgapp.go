package openapi

import (
	"bytes"
	"fmt"

	"go.yaml.in/yaml/v4"
)

// WithOrgAppInPaths returns the spec with /{org_name}/{app_name} moved from the server URL into
// every path (two path parameters, declared once under components) and the server set to "/".
// The contract is the same; the rendering is for tools that route by path alone and ignore a
// server's path, such as Stoplight Prism, which then serves /{org}/{app}/chatgroups as the mock
// does (`emcontract spec --org-app-in-paths`).
func WithOrgAppInPaths(spec []byte) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(spec, &doc); err != nil {
		return nil, fmt.Errorf("spec: %w", err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("spec: not a YAML mapping")
	}
	root := doc.Content[0]
	paths, components := mapValue(root, "paths"), mapValue(root, "components")
	if paths == nil || components == nil {
		return nil, fmt.Errorf("spec: no paths or components")
	}
	servers := mapValue(root, "servers")
	if servers == nil || len(servers.Content) != 1 || mapValue(servers.Content[0], "url").Value != "/{org_name}/{app_name}" {
		return nil, fmt.Errorf("spec: want exactly one server, /{org_name}/{app_name}")
	}
	variables := mapValue(servers.Content[0], "variables")
	*servers = *mustNode(`- url: /
  description: The host serving the API; org and app are the first two path segments.`)

	params := mapValue(components, "parameters")
	if params == nil {
		params = &yaml.Node{Kind: yaml.MappingNode}
		components.Content = append(components.Content, scalar("parameters"), params)
	}
	for _, p := range []struct{ key, name string }{{"OrgName", "org_name"}, {"AppName", "app_name"}} {
		desc, def := "", ""
		if v := mapValue(variables, p.name); v != nil {
			desc, def = mapValue(v, "description").Value, mapValue(v, "default").Value
		}
		param := mustNode(fmt.Sprintf("name: %s\nin: path\nrequired: true\ndescription: %q\nschema:\n  type: string\n  minLength: 1\n  example: %q\n", p.name, desc, def))
		params.Content = append(params.Content, scalar(p.key), param)
	}
	for i := 0; i+1 < len(paths.Content); i += 2 {
		paths.Content[i].Value = "/{org_name}/{app_name}" + paths.Content[i].Value
		item := paths.Content[i+1]
		refs := mustNode("- $ref: '#/components/parameters/OrgName'\n- $ref: '#/components/parameters/AppName'\n")
		if existing := mapValue(item, "parameters"); existing != nil {
			existing.Content = append(refs.Content, existing.Content...)
		} else {
			item.Content = append([]*yaml.Node{scalar("parameters"), refs}, item.Content...)
		}
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// mapValue is the value of key in a mapping node, or nil (also for a nil node).
func mapValue(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func scalar(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: s} }

func mustNode(text string) *yaml.Node {
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(text), &n); err != nil {
		panic(err)
	}
	return n.Content[0]
}
