package store

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
)

// uuid is a user's id held as its 16 bytes, not its 36-character text: with a million users
// that is 48 MB less. It reads and writes (JSON, the state file) as the usual text.
type uuid [16]byte

// newUserUUID returns a random RFC 4122 version 4 UUID.
func newUserUUID() uuid {
	var b uuid
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return b
}

func (u uuid) String() string {
	h := hex.EncodeToString(u[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

func (u uuid) MarshalText() ([]byte, error) { return []byte(u.String()), nil }

func (u *uuid) UnmarshalText(text []byte) error {
	s := string(text)
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return fmt.Errorf("uuid: want 8-4-4-4-12 hexadecimal digits, got %q", s)
	}
	b, err := hex.DecodeString(s[0:8] + s[9:13] + s[14:18] + s[19:23] + s[24:36])
	if err != nil {
		return fmt.Errorf("uuid: want 8-4-4-4-12 hexadecimal digits, got %q", s)
	}
	copy(u[:], b)
	return nil
}
