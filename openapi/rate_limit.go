package openapi

import (
	"encoding/json"
	"fmt"
)

// DefaultRateLimit is the calls per second per app of an operation whose contract gives no
// x-rate-limit: the rate tables' figure for most group and chatroom calls.
const DefaultRateLimit = 100

// RateLimit is an operation's limit as its x-rate-limit says: calls per second per app, and
// the bucket it shares with other operations (its own id when it shares none, U-07).
type RateLimit struct {
	Calls  int
	Bucket string
}

// RateLimit reads the operation's x-rate-limit ({calls: N, per: second, bucket?}); an
// operation without one gets DefaultRateLimit in a bucket of its own.
func (o *Operation) RateLimit() (RateLimit, error) {
	lim := RateLimit{Calls: DefaultRateLimit, Bucket: o.ID}
	raw, ok := o.Spec.Extensions["x-rate-limit"]
	if !ok {
		return lim, nil
	}
	var x struct {
		Calls  int    `json:"calls"`
		Per    string `json:"per"`
		Bucket string `json:"bucket"`
	}
	b, err := json.Marshal(raw)
	if err == nil {
		err = json.Unmarshal(b, &x)
	}
	if err != nil || x.Calls < 1 || x.Per != "second" {
		return lim, fmt.Errorf("operation %s: x-rate-limit must be {calls: N >= 1, per: second, ...}, got %v", o.ID, raw)
	}
	lim.Calls = x.Calls
	if x.Bucket != "" {
		lim.Bucket = x.Bucket
	}
	return lim, nil
}
