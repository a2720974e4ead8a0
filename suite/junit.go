package suite

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// xmlNode is any XML element, kept whole so that a rewrite changes only what it means to.
type xmlNode struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Text    string     `xml:",chardata"`
	Nodes   []*xmlNode `xml:",any"`
}

func (n *xmlNode) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (n *xmlNode) setAttr(name, value string) {
	for i, a := range n.Attrs {
		if a.Name.Local == name {
			n.Attrs[i].Value = value
			return
		}
	}
	n.Attrs = append(n.Attrs, xml.Attr{Name: xml.Name{Local: name}, Value: value})
}

// trimBlanks drops the indentation read between elements; the encoder indents anew.
func (n *xmlNode) trimBlanks() {
	if strings.TrimSpace(n.Text) == "" {
		n.Text = ""
	}
	for _, c := range n.Nodes {
		c.trimBlanks()
	}
}

// annotateJUnit adds to each test case of godog's JUnit report what CI tools show to find it:
// classname (the feature's name) and the scenario's file and line (an example row's line for
// an outline). godog writes test suites per feature and, within one, test cases in file
// order: the selection's scenarios of that feature, in the same order.
func annotateJUnit(file string, sel Selection) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	var root xmlNode
	if err := xml.Unmarshal(data, &root); err != nil {
		return fmt.Errorf("junit report %s: %w", file, err)
	}
	root.trimBlanks()
	byFeature := map[string][]Planned{}
	for _, p := range sel.Scenarios {
		byFeature[p.Feature] = append(byFeature[p.Feature], p)
	}
	for _, suite := range root.Nodes {
		if suite.XMLName.Local != "testsuite" {
			continue
		}
		name := suite.attr("name")
		for _, tc := range suite.Nodes {
			if tc.XMLName.Local != "testcase" {
				continue
			}
			tc.setAttr("classname", name)
			queue := byFeature[name]
			if len(queue) == 0 {
				continue
			}
			p := queue[0]
			byFeature[name] = queue[1:]
			line := p.Line
			if p.RowLine > 0 {
				line = p.RowLine
			}
			tc.setAttr("file", FeaturePath(p.URI))
			tc.setAttr("line", strconv.FormatInt(line, 10))
		}
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(&root); err != nil {
		return err
	}
	buf.WriteByte('\n')
	return os.WriteFile(file, buf.Bytes(), 0o644)
}
