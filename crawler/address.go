package crawler

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// The address policy decides where the crawler may connect. It is applied
// by the dialer to the address it is about to connect to, after DNS, for
// every request and every redirect, so that no spelling of a host and no
// DNS answer can carry a fetch to the crawler's own machine, its network
// or a cloud's metadata service. Redirects are held to the site's own
// hosts besides, so that no page of another site is archived and indexed
// under this one.

// ErrPrivateAddress is returned when a fetch would reach an address that is
// not public, other than a configured site's own host and port, or a
// link-local or metadata address, which is never reached.
var ErrPrivateAddress = errors.New("refusing to connect to an address that is not public (only a configured site's own host and port may be on a private one, never link-local or metadata)")

// errOffSite is a redirect to a host outside the site: its page would be
// archived and indexed under a site it does not belong to.
var errOffSite = errors.New("redirect to a host that is not part of the site refused (list the host in the site profile's hosts to follow it)")

// addrClass says whether the crawler may connect to an address.
type addrClass int

const (
	// addrPublic addresses are crawled.
	addrPublic addrClass = iota
	// addrInternal addresses belong to someone's own network (loopback,
	// RFC 1918, CGNAT, unique-local): a configured site may live there,
	// so its own host and port may be reached there, nothing else.
	addrInternal
	// addrForbidden addresses are never reached: no site lives there, and
	// some of them hand out cloud credentials.
	addrForbidden
)

// String names the class, for messages and tests.
func (c addrClass) String() string {
	switch c {
	case addrPublic:
		return "public"
	case addrInternal:
		return "internal"
	}
	return "forbidden"
}

// addrRule is one range of the policy, named for error messages.
type addrRule struct {
	name   string
	prefix netip.Prefix
	class  addrClass
}

// addrRules are the ranges that are not public (the IANA special-purpose
// registries) and the cloud metadata addresses. An address takes the
// strictest class of the rules it falls in, and the name of the narrowest
// of those, so their order does not matter.
var addrRules = []addrRule{
	// 0.0.0.0 reaches the local host on Linux.
	{"this-network", netip.MustParsePrefix("0.0.0.0/8"), addrForbidden},
	{"private", netip.MustParsePrefix("10.0.0.0/8"), addrInternal},
	// Shared address space of carrier-grade NAT, also used by VPNs
	// (Tailscale) for hosts on one's own network.
	{"CGNAT", netip.MustParsePrefix("100.64.0.0/10"), addrInternal},
	{"cloud metadata", netip.MustParsePrefix("100.100.100.200/32"), addrForbidden}, // Alibaba Cloud
	{"loopback", netip.MustParsePrefix("127.0.0.0/8"), addrInternal},
	{"cloud metadata", netip.MustParsePrefix("168.63.129.16/32"), addrForbidden}, // Azure host services, a public address
	{"link-local", netip.MustParsePrefix("169.254.0.0/16"), addrForbidden},
	{"cloud metadata", netip.MustParsePrefix("169.254.169.254/32"), addrForbidden}, // AWS, GCP, Azure, OpenStack...
	{"private", netip.MustParsePrefix("172.16.0.0/12"), addrInternal},
	// Holds 192.0.0.192, Oracle Cloud's old metadata address.
	{"IETF protocol assignments", netip.MustParsePrefix("192.0.0.0/24"), addrForbidden},
	{"documentation", netip.MustParsePrefix("192.0.2.0/24"), addrForbidden},
	{"6to4 relay anycast", netip.MustParsePrefix("192.88.99.0/24"), addrForbidden},
	{"private", netip.MustParsePrefix("192.168.0.0/16"), addrInternal},
	// Benchmarking, but also where fake-IP DNS proxies answer every name:
	// a configured site may resolve there.
	{"benchmarking", netip.MustParsePrefix("198.18.0.0/15"), addrInternal},
	{"documentation", netip.MustParsePrefix("198.51.100.0/24"), addrForbidden},
	{"documentation", netip.MustParsePrefix("203.0.113.0/24"), addrForbidden},
	{"multicast", netip.MustParsePrefix("224.0.0.0/4"), addrForbidden},
	{"reserved", netip.MustParsePrefix("240.0.0.0/4"), addrForbidden},
	{"broadcast", netip.MustParsePrefix("255.255.255.255/32"), addrForbidden},

	{"unspecified", netip.MustParsePrefix("::/128"), addrForbidden},
	{"loopback", netip.MustParsePrefix("::1/128"), addrInternal},
	{"discard-only", netip.MustParsePrefix("100::/64"), addrForbidden},
	{"NAT64 local-use", netip.MustParsePrefix("64:ff9b:1::/48"), addrInternal},
	{"benchmarking", netip.MustParsePrefix("2001:2::/48"), addrInternal},
	{"documentation", netip.MustParsePrefix("2001:db8::/32"), addrForbidden},
	{"documentation", netip.MustParsePrefix("3fff::/20"), addrForbidden},
	{"unique-local", netip.MustParsePrefix("fc00::/7"), addrInternal},
	{"cloud metadata", netip.MustParsePrefix("fd00:ec2::254/128"), addrForbidden}, // AWS over IPv6
	{"site-local", netip.MustParsePrefix("fec0::/10"), addrInternal},
	{"link-local", netip.MustParsePrefix("fe80::/10"), addrForbidden},
	{"multicast", netip.MustParsePrefix("ff00::/8"), addrForbidden},
}

// embedding is an IPv6 form that carries an IPv4 address, which a
// translator, a tunnel or the kernel itself may deliver to: an address in
// one is judged as the IPv4 address it carries too.
type embedding struct {
	name   string
	prefix netip.Prefix
	v4     func(b [16]byte) netip.Addr
}

// embeddings are the IPv6 forms of IPv4 addresses (RFC 4291, 6052, 8215,
// 3056, 4380). The local-use NAT64 prefix is read in its /96 form only:
// cut shorter, the IPv4 bits sit where nothing tells them from the
// prefix's, and the prefix itself is internal anyway.
var embeddings = []embedding{
	{"IPv4-mapped", netip.MustParsePrefix("::ffff:0:0/96"), v4At(12)},
	{"IPv4-translated", netip.MustParsePrefix("::ffff:0:0:0/96"), v4At(12)},
	{"IPv4-compatible", netip.MustParsePrefix("::/96"), v4Compatible},
	{"NAT64", netip.MustParsePrefix("64:ff9b::/96"), v4At(12)},
	{"NAT64 local-use", netip.MustParsePrefix("64:ff9b:1::/48"), v4At(12)},
	{"6to4", netip.MustParsePrefix("2002::/16"), v4At(2)},
	{"Teredo", netip.MustParsePrefix("2001::/32"), teredoClient},
}

// v4At reads an IPv4 address from the four bytes of an IPv6 one that
// start at i.
func v4At(i int) func([16]byte) netip.Addr {
	return func(b [16]byte) netip.Addr { return netip.AddrFrom4([4]byte(b[i : i+4])) }
}

// v4Compatible reads an IPv4-compatible address; :: and ::1 are IPv6's own
// unspecified and loopback addresses, judged as such.
func v4Compatible(b [16]byte) netip.Addr {
	if b[12] == 0 && b[13] == 0 && b[14] == 0 && b[15] <= 1 {
		return netip.Addr{}
	}
	return v4At(12)(b)
}

// teredoClient reads the client address of a Teredo address, stored with
// its bits inverted.
func teredoClient(b [16]byte) netip.Addr {
	return netip.AddrFrom4([4]byte{^b[12], ^b[13], ^b[14], ^b[15]})
}

// classify returns an address's class and, when it is not public, the
// name of the range that decided it.
func classify(ip netip.Addr) (addrClass, string) {
	// Prefixes never contain an address with a zone, and the zone does
	// not change where a connection goes.
	ip = ip.WithZone("")
	class, name := classifyPlain(ip)
	if !ip.Is6() {
		return class, name
	}
	b := ip.As16()
	for _, e := range embeddings {
		if !e.prefix.Contains(ip) {
			continue
		}
		v4 := e.v4(b)
		if !v4.IsValid() {
			continue
		}
		// A form is named only when it is what refuses the address: ::1 is
		// IPv6's loopback before it is an IPv4-compatible 0.0.0.1.
		if c, n := classifyPlain(v4); c > class {
			class, name = c, n+" in "+e.name+" form"
		}
	}
	return class, name
}

// classifyPlain applies addrRules to one address: the strictest class
// and the narrowest rule of that class, named with its range.
func classifyPlain(ip netip.Addr) (addrClass, string) {
	class, name, bits := addrPublic, "", -1
	for _, r := range addrRules {
		if !r.prefix.Contains(ip) {
			continue
		}
		if r.class > class || (r.class == class && r.prefix.Bits() > bits) {
			class, name, bits = r.class, r.name+" "+r.prefix.String(), r.prefix.Bits()
		}
	}
	return class, name
}

// metadataHosts are the names cloud metadata services answer to. The
// dialer refuses their addresses anyway; refusing the names too keeps the
// refusal independent of the resolver.
var metadataHosts = map[string]bool{
	"metadata":                   true,
	"metadata.google.internal":   true,
	"metadata.goog":              true,
	"instance-data":              true,
	"instance-data.ec2.internal": true,
}

// checkHostName refuses, before any DNS lookup, the names of metadata
// services and hosts that are IPv4 addresses in a legacy numeric form
// (2130706433, 0x7f.1, 0177.0.0.1, 127.1): resolvers disagree on these,
// some reading them as an address, others asking DNS, so only the dotted
// decimal form is accepted.
func checkHostName(name string) error {
	if metadataHosts[strings.TrimSuffix(name, ".")] {
		return fmt.Errorf("%s (cloud metadata host): %w", name, ErrPrivateAddress)
	}
	if numericHost(name) {
		return fmt.Errorf("%s (an IPv4 address not in dotted decimal form): %w", name, ErrPrivateAddress)
	}
	return nil
}

// numericHost reports whether a host name other than an IP address ends
// in a number, as the WHATWG URL standard reads IPv4 hosts: no DNS name
// has an all-numeric last label, so such a host is meant as an address.
func numericHost(name string) bool {
	if _, err := netip.ParseAddr(name); err == nil {
		return false
	}
	trimmed := strings.TrimSuffix(name, ".")
	last := strings.ToLower(trimmed[strings.LastIndexByte(trimmed, '.')+1:])
	if hex, ok := strings.CutPrefix(last, "0x"); ok {
		return strings.Trim(hex, "0123456789abcdef") == ""
	}
	return last != "" && strings.Trim(last, "0123456789") == ""
}

// siteAccess is what one site's run may reach besides public addresses:
// its own hosts and ports, which redirects may go to and which may be on
// internal addresses. A nil *siteAccess allows public addresses and no
// redirect to another host.
type siteAccess struct {
	// allowPrivate lets the site's own hosts and ports be on whatever
	// internal addresses their names resolve to during the run; without
	// it, only on those they named or resolved to when it began, so that
	// a public site's name later pointed at the crawler's own network
	// reaches nothing there.
	allowPrivate bool
	// hosts holds the site's own "host:port" pairs, host names as
	// asciiHost writes them.
	hosts map[string]bool
	// pinned holds the internal addresses of the site's hosts when the
	// run began, by host name.
	pinned map[hostAddr]bool
}

// hostAddr is one address of a host name.
type hostAddr struct {
	name string
	ip   netip.Addr
}

// newSiteAccess collects the site's own hosts and ports: those of its
// start URLs, sitemaps and feeds, the hosts its profile lists, and the
// www. or bare variant of each name. A host on its scheme's default port
// is taken on both web ports, since sites move between http and https;
// another port is taken alone.
func newSiteAccess(sc *scope, allowPrivate bool) *siteAccess {
	a := &siteAccess{allowPrivate: allowPrivate, hosts: map[string]bool{}, pinned: map[hostAddr]bool{}}
	for h := range sc.hosts {
		a.addHost(h)
	}
	for _, list := range [][]string{sc.site.Sitemaps, sc.site.Feeds} {
		for _, raw := range list {
			if u, err := url.Parse(raw); err == nil {
				a.addHost(u.Host)
			}
		}
	}
	return a
}

// addHost adds a host, with or without a port, and its variant.
func (a *siteAccess) addHost(h string) {
	name, port, err := net.SplitHostPort(h)
	if err != nil {
		name, port = strings.Trim(h, "[]"), ""
	}
	name = asciiHost(name)
	ports := []string{port}
	if port == "" || port == "80" || port == "443" {
		ports = []string{"80", "443"}
	}
	names := []string{name}
	if ip, err := netip.ParseAddr(name); err == nil {
		a.pinned[hostAddr{name, ip.WithZone("").Unmap()}] = true
	} else if bare, ok := strings.CutPrefix(name, "www."); ok {
		names = append(names, bare)
	} else {
		names = append(names, "www."+name)
	}
	for _, n := range names {
		for _, p := range ports {
			a.hosts[net.JoinHostPort(n, p)] = true
		}
	}
}

// lookupFunc resolves a host name, as net.Resolver.LookupNetIP does.
type lookupFunc func(ctx context.Context, name string) ([]netip.Addr, error)

// pin records the internal addresses the site's host names resolve to
// now, each lookup bounded by timeout. A name that does not resolve is
// pinned to nothing: the fetch reports it.
func (a *siteAccess) pin(ctx context.Context, timeout time.Duration, lookup lookupFunc) {
	names := map[string]bool{}
	for h := range a.hosts {
		name, _, _ := net.SplitHostPort(h)
		if _, err := netip.ParseAddr(name); err != nil {
			names[name] = true
		}
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for name := range names {
		wg.Go(func() {
			lctx, cancel := context.WithTimeout(ctx, timeout)
			defer cancel()
			ips, err := lookup(lctx, name)
			if err != nil {
				return
			}
			mu.Lock()
			defer mu.Unlock()
			for _, ip := range ips {
				if c, _ := classify(ip); c == addrInternal {
					a.pinned[hostAddr{name, ip.WithZone("").Unmap()}] = true
				}
			}
		})
	}
	wg.Wait()
}

// owns reports whether a URL is on one of the site's own hosts and ports.
func (a *siteAccess) owns(u *url.URL) bool {
	return a != nil && a.hosts[hostKey(u)]
}

// hostKey returns a URL's "host:port", the port made explicit.
func hostKey(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = "80"
		if strings.EqualFold(u.Scheme, "https") {
			port = "443"
		}
	}
	return net.JoinHostPort(asciiHost(u.Hostname()), port)
}

// asciiHost returns a host name as the dialer is given it: in lower case
// and, for an internationalised name (łódź.pl), in its ASCII form, as
// net/http converts it, so that a site configured or redirected to under
// either spelling is the same host.
func asciiHost(name string) string {
	name = strings.ToLower(name)
	if strings.IndexFunc(name, func(r rune) bool { return r >= utf8.RuneSelf }) >= 0 {
		if a, err := idna.Lookup.ToASCII(name); err == nil {
			return a
		}
	}
	return name
}

// check says whether the dialer may connect to ip for a request to host
// name at port: public addresses always, internal ones only for the
// site's own hosts and ports, forbidden ones never.
func (a *siteAccess) check(name, port string, ip netip.Addr) error {
	class, reason := classify(ip)
	hostport := net.JoinHostPort(name, port)
	switch {
	case class == addrPublic:
		return nil
	case class == addrForbidden:
		return fmt.Errorf("%s (%s): %w", ip, reason, ErrPrivateAddress)
	case a == nil || !a.hosts[hostport]:
		return fmt.Errorf("%s (%s) for %s, not a configured site's own host and port: %w", ip, reason, hostport, ErrPrivateAddress)
	case !a.allowPrivate && !a.pinned[hostAddr{name, ip.WithZone("").Unmap()}]:
		return fmt.Errorf("%s (%s) for %s, not an address %s had when the crawl began (--allow-private follows its DNS): %w", ip, reason, hostport, name, ErrPrivateAddress)
	}
	return nil
}

// siteAccessKey keys a run's *siteAccess in the contexts of its requests.
type siteAccessKey struct{}

// withSiteAccess returns ctx carrying the site's access, which the
// client's dialer and redirect check read from each request.
func (c *Crawler) withSiteAccess(ctx context.Context, sc *scope) context.Context {
	a := newSiteAccess(sc, c.allowPrivate)
	if !c.allowPrivate {
		a.pin(ctx, c.dialTimeout, func(ctx context.Context, name string) ([]netip.Addr, error) {
			return net.DefaultResolver.LookupNetIP(ctx, "ip", name)
		})
	}
	return context.WithValue(ctx, siteAccessKey{}, a)
}

// siteAccessFrom returns the access a request's context carries, or nil.
func siteAccessFrom(ctx context.Context) *siteAccess {
	a, _ := ctx.Value(siteAccessKey{}).(*siteAccess)
	return a
}
