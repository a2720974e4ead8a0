package openapi

import (
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
	"github.com/gorilla/mux"
)

// ServerPrefix is the server path every operation's path is relative to. It carries the org
// and app, never a host, so the same contract routes real, mock and recorded requests.
const ServerPrefix = "/{org_name}/{app_name}"

// Operation is one method + path of the spec.
type Operation struct {
	ID     string
	Method string
	Path   string // relative to ServerPrefix, e.g. /chatgroups/{group_id}
	Tags   []string
	Spec   *openapi3.Operation

	pathItem *openapi3.PathItem
}

// FullPath is the route template including the org/app prefix.
func (o Operation) FullPath() string { return ServerPrefix + o.Path }

// PathItem is the path the operation belongs to (its parameters apply to the operation too).
func (o Operation) PathItem() *openapi3.PathItem { return o.pathItem }

// Route is a request matched to its operation.
type Route struct {
	Operation  *Operation
	PathParams map[string]string // includes org_name and app_name
	kin        *routers.Route
}

// Contract is the loaded spec with its operations in routing order.
type Contract struct {
	doc    *openapi3.T
	ops    []*Operation
	byID   map[string]*Operation
	router *mux.Router
	plans  map[*openapi3.ResponseRef]*responsePlan // see newResponsePlan

	verdicts     *verdictCache // answers and requests that passed, see ValidateResponse
	requestPlans map[*Operation]*requestPlan
}

// ErrNoRoute and ErrMethodNotAllowed tell the two ways a request can miss the contract.
var (
	ErrNoRoute          = errors.New("no operation in the spec matches this path")
	ErrMethodNotAllowed = errors.New("the path exists in the spec but not with this method")
)

func newContract(doc *openapi3.T) (*Contract, error) {
	c := &Contract{doc: doc, byID: map[string]*Operation{}, plans: map[*openapi3.ResponseRef]*responsePlan{}, verdicts: newVerdictCache(), requestPlans: map[*Operation]*requestPlan{}}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if op.OperationID == "" {
				return nil, fmt.Errorf("%s %s has no operationId", method, path)
			}
			o := &Operation{ID: op.OperationID, Method: method, Path: path, Tags: op.Tags, Spec: op, pathItem: item}
			c.ops = append(c.ops, o)
			c.byID[o.ID] = o
			c.requestPlans[o] = newRequestPlan(o, uint64(len(c.ops))*0xBF58476D1CE4E5B9)
			if op.Responses != nil {
				for _, ref := range op.Responses.Map() {
					if p := newResponsePlan(doc, ref); p != nil {
						p.id = uint64(len(c.plans)+1) * 0x9E3779B97F4A7C15 // spread over the slots
						c.plans[ref] = p
					}
				}
			}
		}
	}
	sort.SliceStable(c.ops, func(i, j int) bool { return routesBefore(c.ops[i], c.ops[j]) })
	c.router = mux.NewRouter()
	for _, o := range c.ops {
		c.router.Path(o.FullPath()).Methods(o.Method).Name(o.ID)
	}
	return c, nil
}

// routesBefore orders operations so that a literal segment is tried before a parameter in the
// same place: GET /chatrooms/super_admin must win over GET /chatrooms/{chatroom_id}. gorilla/mux
// matches in registration order, so this order is the routing rule.
func routesBefore(a, b *Operation) bool {
	as, bs := strings.Split(a.Path, "/"), strings.Split(b.Path, "/")
	for i := 0; i < len(as) && i < len(bs); i++ {
		if as[i] == bs[i] {
			continue
		}
		aParam, bParam := strings.HasPrefix(as[i], "{"), strings.HasPrefix(bs[i], "{")
		if aParam != bParam {
			return !aParam
		}
		return as[i] < bs[i]
	}
	if len(as) != len(bs) {
		return len(as) < len(bs)
	}
	return a.Method < b.Method
}

// Doc is the parsed document (read-only).
func (c *Contract) Doc() *openapi3.T { return c.doc }

// Operations lists every operation in routing order: register routes in this order.
func (c *Contract) Operations() []*Operation { return c.ops }

// Operation returns the operation with this operationId, or nil.
func (c *Contract) Operation(id string) *Operation { return c.byID[id] }

// RoutePath is the path a request is routed by: one trailing slash counts as none, so
// GET /chatgroups/ is GET /chatgroups (O-15: the service's web framework matches it, and real
// clients send it). The spec keeps one path per operation; a second slash ("//") is not
// trimmed, and "/" stays "/".
func RoutePath(path string) string {
	if len(path) > 1 && strings.HasSuffix(path, "/") && !strings.HasSuffix(path, "//") {
		return path[:len(path)-1]
	}
	return path
}

// WithRoutePath is r itself, or a shallow copy whose URL carries RoutePath's path (and raw
// path) when one trailing slash was trimmed.
func WithRoutePath(r *http.Request) *http.Request {
	p := RoutePath(r.URL.Path)
	if p == r.URL.Path {
		return r
	}
	u := *r.URL
	u.Path, u.RawPath = p, RoutePath(u.RawPath)
	out := *r
	out.URL = &u
	return &out
}

// FindRoute matches a request to its operation. The org and app come from the first two path
// segments; the host is ignored; one trailing slash counts as none (RoutePath).
func (c *Contract) FindRoute(r *http.Request) (*Route, error) {
	var match mux.RouteMatch
	if !c.router.Match(WithRoutePath(r), &match) {
		if errors.Is(match.MatchErr, mux.ErrMethodMismatch) {
			return nil, fmt.Errorf("%s %s: %w", r.Method, r.URL.Path, ErrMethodNotAllowed)
		}
		return nil, fmt.Errorf("%s %s: %w", r.Method, r.URL.Path, ErrNoRoute)
	}
	return c.RouteTo(c.byID[match.Route.GetName()], match.Vars), nil
}

// RouteTo is the Route of a request already matched to op elsewhere (the mock's own gorilla/mux
// router registers the same templates in the same order), so it is not matched twice.
func (c *Contract) RouteTo(op *Operation, pathParams map[string]string) *Route {
	return &Route{
		Operation:  op,
		PathParams: pathParams,
		kin: &routers.Route{
			Spec:      c.doc,
			Server:    c.doc.Servers[0],
			Path:      op.Path,
			PathItem:  op.pathItem,
			Method:    op.Method,
			Operation: op.Spec,
		},
	}
}
