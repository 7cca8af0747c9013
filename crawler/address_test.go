package crawler

import (
	"context"
	"errors"
	"net/netip"
	"net/url"
	"strings"
	"testing"
)

func TestClassify(t *testing.T) {
	cases := []struct {
		in   string
		want addrClass
		// form, when set, must be named in the reason.
		form string
	}{
		// Public, including the edges of the ranges around them.
		{in: "93.184.216.34", want: addrPublic},
		{in: "8.8.8.8", want: addrPublic},
		{in: "1.0.0.0", want: addrPublic},
		{in: "9.255.255.255", want: addrPublic},
		{in: "100.63.255.255", want: addrPublic},
		{in: "100.128.0.0", want: addrPublic},
		{in: "126.255.255.255", want: addrPublic},
		{in: "172.15.255.255", want: addrPublic},
		{in: "172.32.0.0", want: addrPublic},
		{in: "198.17.255.255", want: addrPublic},
		{in: "198.20.0.0", want: addrPublic},
		{in: "223.255.255.255", want: addrPublic},
		{in: "2a00:1450:4025:800::64", want: addrPublic},
		{in: "::ffff:8.8.8.8", want: addrPublic},
		{in: "64:ff9b::808:808", want: addrPublic},
		{in: "2002:808:808::1", want: addrPublic},
		{in: "2001:0:4136:e378:8000:63bf:f7f7:f7f7", want: addrPublic}, // Teredo, client 8.8.8.8

		// Internal: a configured site's own host and port may be here.
		{in: "127.0.0.1", want: addrInternal},
		{in: "127.255.255.254", want: addrInternal},
		{in: "10.0.0.1", want: addrInternal},
		{in: "10.255.255.255", want: addrInternal},
		{in: "172.16.0.1", want: addrInternal},
		{in: "172.31.255.255", want: addrInternal},
		{in: "192.168.1.1", want: addrInternal},
		{in: "100.64.0.1", want: addrInternal},
		{in: "100.127.255.254", want: addrInternal},
		{in: "198.18.0.1", want: addrInternal},
		{in: "198.19.255.255", want: addrInternal},
		{in: "::1", want: addrInternal},
		{in: "fc00::1", want: addrInternal},
		{in: "fd12:3456:789a::1", want: addrInternal},
		{in: "fec0::1", want: addrInternal},
		{in: "2001:2::1", want: addrInternal},
		{in: "64:ff9b:1:ffff::808:808", want: addrInternal},
		{in: "::ffff:127.0.0.1", want: addrInternal, form: "IPv4-mapped"},
		{in: "::ffff:10.1.2.3", want: addrInternal, form: "IPv4-mapped"},
		{in: "::ffff:100.64.0.1", want: addrInternal, form: "IPv4-mapped"},
		{in: "::ffff:0:127.0.0.1", want: addrInternal, form: "IPv4-translated"},
		{in: "::127.0.0.1", want: addrInternal, form: "IPv4-compatible"},
		{in: "64:ff9b::7f00:1", want: addrInternal, form: "NAT64"},
		{in: "64:ff9b::c0a8:101", want: addrInternal, form: "NAT64"},
		{in: "2002:7f00:1::1", want: addrInternal, form: "6to4"},
		{in: "2002:c0a8:101::1", want: addrInternal, form: "6to4"},
		{in: "2001:0:4136:e378:8000:63bf:80ff:fffe", want: addrInternal, form: "Teredo"}, // client 127.0.0.1

		// Forbidden, even for a configured site.
		{in: "0.0.0.0", want: addrForbidden},
		{in: "0.1.2.3", want: addrForbidden},
		{in: "169.254.0.1", want: addrForbidden},
		{in: "169.254.169.254", want: addrForbidden},
		{in: "169.254.170.2", want: addrForbidden},
		{in: "100.100.100.200", want: addrForbidden},
		{in: "168.63.129.16", want: addrForbidden},
		{in: "192.0.0.1", want: addrForbidden},
		{in: "192.0.0.192", want: addrForbidden},
		{in: "192.0.2.1", want: addrForbidden},
		{in: "192.88.99.1", want: addrForbidden},
		{in: "198.51.100.1", want: addrForbidden},
		{in: "203.0.113.1", want: addrForbidden},
		{in: "224.0.0.1", want: addrForbidden},
		{in: "239.255.255.250", want: addrForbidden},
		{in: "240.0.0.1", want: addrForbidden},
		{in: "255.255.255.255", want: addrForbidden},
		{in: "::", want: addrForbidden},
		{in: "fe80::1", want: addrForbidden},
		{in: "fe80::1%eth0", want: addrForbidden},
		{in: "ff02::1", want: addrForbidden},
		{in: "ff05::1:3", want: addrForbidden},
		{in: "fd00:ec2::254", want: addrForbidden},
		{in: "100::1", want: addrForbidden},
		{in: "2001:db8::1", want: addrForbidden},
		{in: "3fff::1", want: addrForbidden},
		{in: "::ffff:169.254.169.254", want: addrForbidden, form: "IPv4-mapped"},
		{in: "::ffff:100.100.100.200", want: addrForbidden, form: "IPv4-mapped"},
		{in: "::ffff:0.0.0.0", want: addrForbidden, form: "IPv4-mapped"},
		{in: "::ffff:255.255.255.255", want: addrForbidden, form: "IPv4-mapped"},
		{in: "::ffff:0:169.254.169.254", want: addrForbidden, form: "IPv4-translated"},
		{in: "::169.254.169.254", want: addrForbidden, form: "IPv4-compatible"},
		{in: "::224.0.0.1", want: addrForbidden, form: "IPv4-compatible"},
		{in: "64:ff9b::a9fe:a9fe", want: addrForbidden, form: "NAT64"},
		{in: "64:ff9b::6464:64c8", want: addrForbidden, form: "NAT64"},
		{in: "64:ff9b:1::a9fe:a9fe", want: addrForbidden, form: "NAT64 local-use"},
		{in: "2002:a9fe:a9fe::1", want: addrForbidden, form: "6to4"},
		{in: "2002:6464:64c8::1", want: addrForbidden, form: "6to4"},
		{in: "2001:0:4136:e378:8000:63bf:5601:5601", want: addrForbidden, form: "Teredo"}, // client 169.254.169.254
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			got, reason := classify(netip.MustParseAddr(tc.in))
			if got != tc.want {
				t.Errorf("got %v (%s), want %v", got, reason, tc.want)
			}
			if tc.form != "" && !strings.Contains(reason, tc.form+" form") {
				t.Errorf("got reason %q, want one naming the %s form", reason, tc.form)
			}
		})
	}
}

// TestClassifyMetadataName checks that the narrowest range names a
// refusal: the metadata address, not the link-local range around it.
func TestClassifyMetadataName(t *testing.T) {
	for _, in := range []string{"169.254.169.254", "100.100.100.200", "fd00:ec2::254", "::ffff:169.254.169.254"} {
		if _, reason := classify(netip.MustParseAddr(in)); !strings.Contains(reason, "cloud metadata") {
			t.Errorf("%s: got reason %q, want cloud metadata", in, reason)
		}
	}
}

func TestCheckHostName(t *testing.T) {
	cases := []struct {
		in   string
		want bool // refused
	}{
		{"2130706433", true},
		{"0x7f000001", true},
		{"0x7f.1", true},
		{"0x7F.0.0.1", true},
		{"0177.0.0.1", true},
		{"127.1", true},
		{"127.0.1", true},
		{"0", true},
		{"127.0.0.1.", true},
		{"1.2.3.4.5", true},
		{"gazeta.0x", true},
		{"metadata.google.internal", true},
		{"metadata.google.internal.", true},
		{"metadata.goog", true},
		{"metadata", true},
		{"instance-data.ec2.internal", true},
		{"127.0.0.1", false},
		{"10.0.0.1", false},
		{"::1", false},
		{"::ffff:127.0.0.1", false},
		{"gazeta.example.pl", false},
		{"1gazeta.pl", false},
		{"0x.pl", false},
		{"localhost", false},
	}
	for _, tc := range cases {
		err := checkHostName(tc.in)
		if got := err != nil; got != tc.want {
			t.Errorf("%s: got refused %v, want %v (%v)", tc.in, got, tc.want, err)
		}
		if err != nil && !errors.Is(err, ErrPrivateAddress) {
			t.Errorf("%s: got %v, want an ErrPrivateAddress", tc.in, err)
		}
	}
}

// testAccess returns the access of a site for a run with and without
// allow-private, its names pinned by lookup.
func testAccess(t *testing.T, site Site, allowPrivate bool, lookup lookupFunc) *siteAccess {
	t.Helper()
	sc, err := compileSite(site)
	if err != nil {
		t.Fatal(err)
	}
	a := newSiteAccess(sc, allowPrivate)
	if !allowPrivate {
		a.pin(context.Background(), 0, lookup)
	}
	return a
}

func TestSiteAccessCheck(t *testing.T) {
	site := Site{
		Seeds:    []string{"http://127.0.0.1:8080/", "http://bip.example/aktualnosci"},
		Hosts:    []string{"m.bip.example"},
		Sitemaps: []string{"http://10.9.9.9:8081/mapa.xml"},
	}
	// bip.example and its www. variant were on 10.0.0.5 when the run
	// began, as was a public name; m.bip.example did not resolve.
	lookup := func(_ context.Context, name string) ([]netip.Addr, error) {
		switch name {
		case "bip.example", "www.bip.example":
			return []netip.Addr{netip.MustParseAddr("10.0.0.5"), netip.MustParseAddr("93.184.216.34")}, nil
		}
		return nil, errors.New("no such host")
	}
	cases := []struct {
		name, host, port, ip string
		// refused without and with allow-private
		without, with bool
	}{
		{"site's own address", "127.0.0.1", "8080", "127.0.0.1", false, false},
		{"site's own address, mapped", "127.0.0.1", "8080", "::ffff:127.0.0.1", false, false},
		{"other port of the site's address", "127.0.0.1", "8081", "127.0.0.1", true, true},
		{"other name of the site's address", "localhost", "8080", "127.0.0.1", true, true},
		{"other spelling of the site's address", "::ffff:127.0.0.1", "8080", "127.0.0.1", true, true},
		{"intranet site, pinned address", "bip.example", "80", "10.0.0.5", false, false},
		{"intranet site over https", "bip.example", "443", "10.0.0.5", false, false},
		{"intranet site, www. variant", "www.bip.example", "80", "10.0.0.5", false, false},
		{"intranet site, address after the start", "bip.example", "80", "10.0.0.6", true, false},
		{"intranet site, other port", "bip.example", "8080", "10.0.0.5", true, true},
		{"listed host, not resolved at the start", "m.bip.example", "443", "192.168.0.1", true, false},
		{"sitemap host", "10.9.9.9", "8081", "10.9.9.9", false, false},
		{"sitemap host, other port", "10.9.9.9", "80", "10.9.9.9", true, true},
		{"site's own host on a metadata address", "bip.example", "80", "169.254.169.254", true, true},
		{"site's own host on a link-local address", "bip.example", "80", "fe80::1", true, true},
		{"site's own host on Alibaba's metadata", "bip.example", "80", "100.100.100.200", true, true},
		{"site's own host on mapped metadata", "bip.example", "80", "::ffff:169.254.169.254", true, true},
		{"site's own host on a public address", "bip.example", "80", "93.184.216.34", false, false},
		{"other host, public", "inna.example", "443", "93.184.216.34", false, false},
		{"other host, CGNAT", "inna.example", "80", "100.64.0.1", true, true},
		{"other host, loopback", "inna.example", "80", "127.0.0.1", true, true},
		{"other host, unique-local", "inna.example", "80", "fd12::1", true, true},
		{"other host, NAT64 of loopback", "inna.example", "80", "64:ff9b::7f00:1", true, true},
	}
	without := testAccess(t, site, false, lookup)
	with := testAccess(t, site, true, lookup)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ip := netip.MustParseAddr(tc.ip)
			for _, m := range []struct {
				a    *siteAccess
				want bool
			}{{without, tc.without}, {with, tc.with}} {
				err := m.a.check(tc.host, tc.port, ip)
				if got := err != nil; got != m.want {
					t.Errorf("allow-private %v: got refused %v, want %v (%v)", m.a.allowPrivate, got, m.want, err)
				}
				if err != nil && !errors.Is(err, ErrPrivateAddress) {
					t.Errorf("allow-private %v: got %v, want an ErrPrivateAddress", m.a.allowPrivate, err)
				}
			}
		})
	}
	// Outside a site's run, only public addresses are reached.
	var none *siteAccess
	if err := none.check("127.0.0.1", "8080", netip.MustParseAddr("127.0.0.1")); err == nil {
		t.Error("got loopback allowed outside a site's run, want refused")
	}
	if err := none.check("inna.example", "80", netip.MustParseAddr("93.184.216.34")); err != nil {
		t.Errorf("got %v outside a site's run, want a public address allowed", err)
	}
}

func TestSiteAccessOwns(t *testing.T) {
	a := testAccess(t, Site{
		Seeds:    []string{"https://gazeta.example/", "http://127.0.0.1:8080/", "http://www.kurier.example/", "https://łódź.example/"},
		Hosts:    []string{"m.gazeta.example"},
		Feeds:    []string{"https://cdn.gazeta.example/rss.xml"},
		Sitemaps: []string{"http://[::1]:8090/mapa.xml"},
	}, true, nil)
	cases := []struct {
		in   string
		want bool
	}{
		{"https://gazeta.example/artykul", true},
		{"http://gazeta.example/artykul", true},
		{"https://GAZETA.example/", true},
		{"https://www.gazeta.example/", true},
		{"https://m.gazeta.example/", true},
		{"https://www.m.gazeta.example/", true},
		{"https://cdn.gazeta.example/", true},
		{"http://kurier.example/", true},
		{"https://www.kurier.example/", true},
		{"http://127.0.0.1:8080/", true},
		{"https://127.0.0.1:8080/", true},
		{"http://[::1]:8090/", true},
		{"https://xn--d-uga0v4h.example/", true},
		{"https://www.ŁÓDŹ.example/", true},
		{"https://lodz.example/", false},
		{"https://gazeta.example:8443/", false},
		{"https://inna.example/", false},
		{"https://gazeta.example.inna.example/", false},
		{"https://ww.gazeta.example/", false},
		{"http://127.0.0.1:8081/", false},
		{"http://127.0.0.1/", false},
		{"http://localhost:8080/", false},
		{"http://[::ffff:127.0.0.1]:8080/", false},
		{"http://2130706433:8080/", false},
		{"http://www.127.0.0.1:8080/", false},
		{"http://[::1]:8080/", false},
		{"http://169.254.169.254/", false},
	}
	for _, tc := range cases {
		u, err := url.Parse(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := a.owns(u); got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.in, got, tc.want)
		}
	}
}
