package store

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// FlexInt is an integer field that clients may send as a JSON number or as a numeric string
// ("200"): the service accepts both for `maxusers` (O-08), and real clients send either. The
// range rules are the store's, the same whichever way the number was written.
type FlexInt int

// UnmarshalJSON takes 200 or "200"; anything else is a type error naming what was sent.
func (n *FlexInt) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		v, err := strconv.Atoi(s)
		if err != nil {
			return Errorf(EINVALID, "must be an integer or a string of digits, got %q", s)
		}
		*n = FlexInt(v)
		return nil
	}
	var v int
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*n = FlexInt(v)
	return nil
}
