package store

// Summary counts what the store holds, for the mock's start-up line ("state loaded: ...").
type Summary struct {
	Apps      int `json:"apps"`
	Users     int `json:"users"`
	Groups    int `json:"groups"`
	Chatrooms int `json:"chatrooms"`
	Tokens    int `json:"tokens"`
}

// Summary returns the counts of apps, users, groups, chatrooms and tokens held.
func (s *Store) Summary() Summary {
	s.mu.Lock() // every app: no call on any app runs meanwhile
	defer s.mu.Unlock()
	s.tokMu.RLock()
	out := Summary{Apps: len(s.apps), Tokens: s.tokens.len()}
	s.tokMu.RUnlock()
	for _, a := range s.apps {
		out.Users += len(a.Users)
		out.Groups += len(a.Groups)
		out.Chatrooms += len(a.Chatrooms)
	}
	return out
}
