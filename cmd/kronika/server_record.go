package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"syscall"
	"time"
)

// serverRecord is written to the data dir by `kronika serve` and `kronika
// demo`, so that other commands can reach the process owning the index.
type serverRecord struct {
	Addr    string    `json:"addr"` // base URL, e.g. http://127.0.0.1:8080
	PID     int       `json:"pid"`
	Started time.Time `json:"started"`
}

func writeServerRecord(path string, rec serverRecord) error {
	b, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return fmt.Errorf("write server record: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write server record: %w", err)
	}
	return nil
}

// runningServer returns the record of a live server owning the data dir,
// or nil. A record left by a dead process is ignored.
func runningServer(ctx context.Context, path string) *serverRecord {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var rec serverRecord
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
