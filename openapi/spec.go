// Package openapi owns the contract: the embedded OpenAPI 3.0 document of the Easemob group and
// chatroom REST API (easemob.yaml, assembled from src/), a router over its operations, and the
// request/response validation that the mock server, the test steps and the CLI all share.
package openapi

//go:generate go run ./internal/specsrc/gen

import (
	"context"
	_ "embed"
	"fmt"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
)

//go:embed easemob.yaml
var specYAML []byte

// Bytes returns the embedded spec as YAML, exactly as shipped.
func Bytes() []byte { return specYAML }

var (
	loadOnce   sync.Once
	loaded     *Contract
	errLoading error
)

// Load parses and validates the embedded spec once and returns the shared Contract. The
// Contract is read-only after loading and safe for concurrent use.
func Load() (*Contract, error) {
	loadOnce.Do(func() { loaded, errLoading = Parse(specYAML) })
	return loaded, errLoading
}

// MustLoad is Load for program start-up, where a broken embedded spec is a build defect.
func MustLoad() *Contract {
	c, err := Load()
	if err != nil {
		panic(fmt.Sprintf("embedded OpenAPI spec: %v", err))
	}
	return c
}

// Parse builds a Contract from spec bytes; tests use it to load altered copies of the spec.
func Parse(data []byte) (*Contract, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(data)
	if err != nil {
		return nil, fmt.Errorf("parse spec: %w", err)
	}
	if err := doc.Validate(context.Background(), openapi3.EnableExamplesValidation()); err != nil {
		return nil, fmt.Errorf("validate spec: %w", err)
	}
	return newContract(doc)
}
