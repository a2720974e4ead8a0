package steps

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/emcontract/emcontract/suite"
)

// normalizeBaseURL accepts the service's address with or without the /{org}/{app} the
// documents print after it (https://a1.easemob.com or https://a1.easemob.com/org/app), and
// returns scheme://host[/prefix] without it: the live target adds /{org}/{app} itself.
func (c LiveConfig) normalizeBaseURL() string {
	base := strings.TrimRight(c.BaseURL, "/")
	if c.Org != "" && c.App != "" {
		base = strings.TrimSuffix(base, "/"+c.Org+"/"+c.App)
	}
	return base
}

// Preflight asks the service for one app token before any scenario runs, so that a wrong host
// or wrong credentials are said once, with the service's own answer, rather than as every
// scenario's failure on whichever call came first.
func (c LiveConfig) Preflight(ctx context.Context) error {
	base := c.normalizeBaseURL() + "/" + c.Org + "/" + c.App
	body, _ := json.Marshal(map[string]string{"grant_type": "client_credentials", "client_id": c.ClientID, "client_secret": c.ClientSecret})
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/token", bytes.NewReader(body))
	if err != nil {
		return &suite.InputError{Err: fmt.Errorf("live: %s %q: %w", EnvBaseURL, c.BaseURL, err)}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	client := &http.Client{Transport: &retryTransport{next: http.DefaultTransport, policy: c.Retry.orDefault()}}
	resp, err := client.Do(req)
	if err != nil {
		var uerr *url.Error
		if errors.As(err, &uerr) {
			err = uerr.Err
		}
		return &suite.InputError{Err: fmt.Errorf("live: cannot reach the service at %s (%s): %v", c.normalizeBaseURL(), EnvBaseURL, err)}
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if resp.StatusCode != http.StatusOK {
		return &suite.InputError{Err: fmt.Errorf("live: the token request was refused: POST %s/token answered %d: %s "+
			"(check %s, %s, %s and %s)", base, resp.StatusCode, abbreviate(answer, 300), EnvOrg, EnvApp, EnvClientID, EnvClientSecret)}
	}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if json.Unmarshal(answer, &tok) != nil || tok.AccessToken == "" {
		return &suite.InputError{Err: fmt.Errorf("live: POST %s/token answered 200 without an access_token: %s (is %s the service?)", base, abbreviate(answer, 300), EnvBaseURL)}
	}
	return nil
}
