// Package clientgen checks that the contract feeds the tools its users have: its test
// generates a Go client from openapi/easemob.yaml with oapi-codegen into a scratch module,
// builds it, and runs a smoke flow (token, users, group, member) against the mock.
package clientgen
