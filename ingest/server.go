package ingest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"syscall"
	"time"
)

// ServerRecord is written to the data directory by a running server, so
// that other commands can reach the process owning the index. The file is
// private to its owner (mode 0600): Token lets local commands call the
// admin API of that server.
type ServerRecord struct {
	Addr    string    `json:"addr"` // base URL, e.g. http://127.0.0.1:8080
	PID     int       `json:"pid"`
	Started time.Time `json:"started"`
	// Token is a random secret the server accepts as a Bearer token on
	// its admin routes, besides the operator's configured admin token.
	Token string `json:"token,omitempty"`
}

// NewLocalToken returns a random 256-bit token in hex, for
// ServerRecord.Token.
func NewLocalToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("generate local token: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// WriteServerRecord writes rec to path atomically, readable by the owner
// only, since it holds the local admin token.
func WriteServerRecord(path string, rec ServerRecord) error {
	b, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return fmt.Errorf("write server record: %w", err)
	}
	// WriteFile keeps the mode of an existing file.
	if err := os.Chmod(tmp, 0o600); err != nil {
		return fmt.Errorf("write server record: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write server record: %w", err)
	}
	return nil
}

// RunningServer returns the record of a live server owning the data
// directory whose record is at path, or nil. A record left by a dead
// process, or by one that no longer answers, is ignored.
func RunningServer(ctx context.Context, path string) *ServerRecord {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var rec ServerRecord
	if json.Unmarshal(b, &rec) != nil || rec.Addr == "" || !processAlive(rec.PID) {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rec.Addr+"/healthz", nil)
	if err != nil {
		return nil
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil
	}
	return &rec
}

func processAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
