package mockserver

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"
)

func (s *Server) authHandlers() map[string]handlerFunc {
	return map[string]handlerFunc{
		"getAppToken": s.getAppToken,
	}
}

// maxTTLSeconds keeps ttl*time.Second inside a time.Duration.
const maxTTLSeconds = math.MaxInt64 / int64(time.Second)

type tokenRequest struct {
	GrantType    string          `json:"grant_type"`
	ClientID     string          `json:"client_id"`
	ClientSecret string          `json:"client_secret"`
	TTL          json.RawMessage `json:"ttl"`
}

// getAppToken: POST /token (C-06). The answer is the bare token object, not the envelope.
func (s *Server) getAppToken(c *call) (*reply, error) {
	var req tokenRequest
	if err := c.decode(&req); err != nil {
		return nil, err
	}
	ttl, err := parseTTL(req.TTL)
	if err != nil {
		return nil, err
	}
	tok, err := s.store.IssueToken(c.ctx, c.app.Org, c.app.App, req.ClientID, req.ClientSecret, time.Duration(ttl)*time.Second)
	if err != nil {
		return nil, err
	}
	return &reply{data: tok, bare: true}, nil
}

// parseTTL reads ttl as a number or a numeric string (real clients send both); absent is 0.
func parseTTL(raw json.RawMessage) (int64, error) {
	s := strings.TrimSpace(string(raw))
	if s == "" || s == "null" {
		return 0, nil
	}
	if unq, err := strconv.Unquote(s); err == nil {
		if unq == "" {
			return 0, nil // "ttl": "" is the default lifetime, as the service takes it (O-12)
		}
		s = unq
	} else if whole, ok := integralNumber(s); ok {
		s = whole // 3600.0 or 3.6e3: an integer to the contract's JSON Schema
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if f, ferr := strconv.ParseFloat(s, 64); err != nil && ferr == nil && f > float64(maxTTLSeconds) && f == math.Trunc(f) {
		return 0, invalid("ttl: must be at most %d seconds, got %s", maxTTLSeconds, raw) // whole, but past int64
	}
	if err != nil || n < 0 {
		return 0, invalid("ttl: must be a whole number of seconds, 0 or more (a number or a numeric string), got %s", raw)
	}
	if n > maxTTLSeconds {
		return 0, invalid("ttl: must be at most %d seconds, got %d", maxTTLSeconds, n)
	}
	return n, nil
}
