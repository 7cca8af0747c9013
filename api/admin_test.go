package api

import (
	"encoding/json"
	"strings"
	"testing"
)

const localToken = "local-token-abcdefghijklmnop"

// TestAdminAccess checks who reaches the admin routes in each mode. With
// no operator token only local commands holding the local token do, and
// every other caller gets the 404 of an admin API that is not enabled,
// the same whatever it sent, saying how to enable it. With an operator
// token a missing or wrong token is a 401.
func TestAdminAccess(t *testing.T) {
	modes := []struct {
		name              string
		admin, local      string
		none, wrong, good int // statuses without a token, with a wrong one, with the local one
	}{
		{"off", "", "", 404, 404, 404},
		{"local", "", localToken, 404, 404, 202},
		{"token", testToken, localToken, 401, 401, 202},
	}
	for _, m := range modes {
		srv := newTestServerWith(t, func(c *Config) {
			c.Jobs = &fakeJobs{}
			c.AdminToken, c.LocalToken = m.admin, m.local
		})
		tests := []struct {
			name, auth string
			status     int
		}{
			{"no token", "", m.none},
			{"wrong token", "Bearer wrong-token-0123456789", m.wrong},
			{"operator token elsewhere", "Bearer " + testToken + "x", m.wrong},
			{"not bearer", "Basic " + localToken, m.wrong},
			{"local token", "Bearer " + localToken, m.good},
		}
		for _, tt := range tests {
			t.Run(m.name+"/"+tt.name, func(t *testing.T) {
				hdr := map[string]string{}
				if tt.auth != "" {
					hdr["Authorization"] = tt.auth
				}
				code, body, h := do(t, srv, "POST", "/api/v1/admin/recrawl", "{}", hdr)
				if code != tt.status {
					t.Fatalf("got status %d, want %d: %s", code, tt.status, body)
				}
				var e errorBody
				switch code {
				case 404:
					if err := json.Unmarshal(body, &e); err != nil {
						t.Fatalf("not a JSON error: %s", body)
					}
					if e.Error.Code != "not_found" || !strings.Contains(e.Error.Message, "admin API is not enabled; set KRONIKA_ADMIN_TOKEN (at least 16 characters) to enable it") {
						t.Errorf("got error %+v, want not_found saying how to enable the admin API", e.Error)
					}
					if h.Get("WWW-Authenticate") != "" {
						t.Errorf("got WWW-Authenticate %q on a 404, want none", h.Get("WWW-Authenticate"))
					}
				case 401:
					if h.Get("WWW-Authenticate") == "" {
						t.Error("got a 401 without WWW-Authenticate")
					}
				}
			})
		}
	}
}

func TestConfigAdminMode(t *testing.T) {
	tests := []struct {
		name, admin, local, want string
	}{
		{"no token", "", "", AdminModeOff},
		{"local token only", "", localToken, AdminModeLocal},
		{"operator token", testToken, localToken, AdminModeToken},
		{"operator token only", testToken, "", AdminModeToken},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := (Config{AdminToken: tt.admin, LocalToken: tt.local}).AdminMode(); got != tt.want {
				t.Errorf("AdminMode() = %q, want %q", got, tt.want)
			}
		})
	}
}
