// Package prism checks that Stoplight Prism, pinned in package.json, serves the contract under
// /{org_name}/{app_name} as the emcontract mock does (`emcontract spec --org-app-in-paths`).
package prism
