package crawler

import "testing"

func FuzzNormalizeURL(f *testing.F) {
	for _, s := range []string{"https://a.pl/x?utm_source=1#f", "http://a.pl:80/../x", "http://[::1]:8080/", "http://a.pl/%zz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		n := NormalizeURL(in)
		if n == "" {
			return
		}
		if again := NormalizeURL(n); again != n {
			t.Errorf("not idempotent: %q → %q → %q", in, n, again)
		}
	})
}
