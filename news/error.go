package news

import (
	"errors"
	"fmt"
)

// Error codes carried by *Error. The API maps each to one HTTP status.
const (
	EInvalid      = "invalid"      // the caller sent something wrong: 400
	ENotFound     = "not_found"    // no such document or entity: 404
	EUnauthorized = "unauthorized" // missing or wrong credentials: 401
	ETooLarge     = "too_large"    // a body or parameter over its cap: 413
	ERateLimited  = "rate_limited" // too many requests: 429
	EUnavailable  = "unavailable"  // not ready yet, try again: 503
	EInternal     = "internal"     // a bug or a broken disk: 500
)

// Error is a domain error with a code and a message meant for the user:
// what was wrong and how to fix it.
type Error struct {
	Code    string
	Message string
}

// Error returns the message.
func (e *Error) Error() string { return e.Message }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EInternal
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// ErrorMessage returns the user-facing message of the first *Error in
// err's chain, or a generic message for internal errors, which must not
// leak details to callers.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error; the server log has the details"
}
