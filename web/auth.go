package web

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"net"
	"net/http"
	"os"
	"sync"
	"syscall"
	"time"

	"github.com/vocmap/vocmap/web/account"
)

// Sign-in state lives in memory: a restart signs everyone out, which is
// what a server on an office machine should do.

const (
	sessionCookie = "vocmap_session"
	signinCookie  = "vocmap_signin" // the sign-in form's CSRF token
	csrfField     = "csrf"
	csrfHeader    = "X-CSRF-Token"
)

// session is a signed-in browser.
type session struct {
	user     string
	csrf     string
	created  time.Time
	lastSeen time.Time
}

type sessions struct {
	mu   sync.Mutex
	m    map[string]*session
	idle time.Duration // a session unused this long ends
	max  time.Duration // and any session ends after this long
	now  func() time.Time
}

func newToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("web: no randomness: " + err.Error())
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func (s *sessions) create(user string) (id string, sess *session) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	for k, v := range s.m { // drop the expired ones while here
		if s.expired(v, now) {
			delete(s.m, k)
		}
	}
	id = newToken()
	sess = &session{user: user, csrf: newToken(), created: now, lastSeen: now}
	s.m[id] = sess
	return id, sess
}

func (s *sessions) expired(v *session, now time.Time) bool {
	return now.Sub(v.lastSeen) > s.idle || now.Sub(v.created) > s.max
}

// get returns the live session of id and marks it used.
func (s *sessions) get(id string) *session {
	s.mu.Lock()
	defer s.mu.Unlock()
	v := s.m[id]
	if v == nil {
		return nil
	}
	now := s.now()
	if s.expired(v, now) {
		delete(s.m, id)
		return nil
	}
	v.lastSeen = now
	return v
}

func (s *sessions) end(id string) {
	s.mu.Lock()
	delete(s.m, id)
	s.mu.Unlock()
}

// endUser ends every session of a user (removed, or password changed).
func (s *sessions) endUser(user string) {
	s.mu.Lock()
	for k, v := range s.m {
		if v.user == user {
			delete(s.m, k)
		}
	}
	s.mu.Unlock()
}

// limiter counts failed sign-ins per key (a name, an address) in a
// sliding window; a key at its limit is refused until its oldest failure
// leaves the window, without checking the password.
type limiter struct {
	mu     sync.Mutex
	fails  map[string][]time.Time
	window time.Duration
	now    func() time.Time
}

// wait returns how long key must wait (0: it may try).
func (l *limiter) wait(key string, limit int) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	f := l.prune(key, now)
	if len(f) < limit {
		return 0
	}
	return f[len(f)-limit].Add(l.window).Sub(now)
}

func (l *limiter) fail(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.fails[key] = append(l.prune(key, l.now()), l.now())
}

func (l *limiter) clear(key string) {
	l.mu.Lock()
	delete(l.fails, key)
	l.mu.Unlock()
}

func (l *limiter) prune(key string, now time.Time) []time.Time {
	f := l.fails[key]
	i := 0
	for i < len(f) && now.Sub(f[i]) >= l.window {
		i++
	}
	f = f[i:]
	if len(f) == 0 {
		delete(l.fails, key)
	} else {
		l.fails[key] = f
	}
	return f
}

// Failed sign-ins allowed in the window, per name and per address.
const (
	maxFailsPerName = 5
	maxFailsPerAddr = 20
)

// accounts reads the accounts file, caching it (and the verified Basic
// credentials) until the file changes.
type accounts struct {
	store *account.Store
	ttl   time.Duration // how long verified Basic credentials are trusted
	now   func() time.Time

	mu    sync.Mutex
	sig   string
	users map[string]account.User
	basic map[[32]byte]basicEntry // sha256(name NUL password) -> name; never the password
}

type basicEntry struct {
	name    string
	expires time.Time
}

// signature identifies a version of the accounts file.
func (a *accounts) signature() string {
	fi, err := os.Stat(a.store.Path)
	if err != nil {
		return "none"
	}
	var ino uint64
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		ino = st.Ino // each change replaces the file: a new inode
	}
	return fmt.Sprintf("%d/%d/%d", ino, fi.ModTime().UnixNano(), fi.Size())
}

// current returns the account named name as the file says now; the
// cache of Basic credentials is dropped whenever the file changed.
func (a *accounts) current(name string) (account.User, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.reloadLocked()
	u, ok := a.users[name]
	return u, ok
}

func (a *accounts) reloadLocked() {
	sig := a.signature()
	if sig == a.sig && a.users != nil {
		return
	}
	a.basic = map[[32]byte]basicEntry{}
	a.users = map[string]account.User{}
	if us, err := a.store.List(); err == nil {
		for _, u := range us {
			a.users[u.Name] = u
		}
	}
	a.sig = sig
}

// verifyBasic checks HTTP Basic credentials, from the cache when they
// were verified recently and the file has not changed since.
func (a *accounts) verifyBasic(name, password string) (account.User, bool) {
	key := sha256.Sum256([]byte(name + "\x00" + password))
	a.mu.Lock()
	a.reloadLocked()
	if e, ok := a.basic[key]; ok && e.name == name && a.now().Before(e.expires) {
		u, ok := a.users[name]
		a.mu.Unlock()
		return u, ok
	}
	a.mu.Unlock()
	u, err := a.store.Verify(name, password)
	if err != nil {
		return account.User{}, false
	}
	a.mu.Lock()
	a.basic[key] = basicEntry{name: name, expires: a.now().Add(a.ttl)}
	a.mu.Unlock()
	return u, true
}

// clientAddr is the request's remote address without its port.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// principal is who a request is from.
type principal struct {
	user    account.User
	sess    *session // nil for HTTP Basic
	sessID  string
	isBasic bool
}

type ctxKey struct{}

func withPrincipal(ctx context.Context, p *principal) context.Context {
	return context.WithValue(ctx, ctxKey{}, p)
}

func principalOf(r *http.Request) *principal {
	p, _ := r.Context().Value(ctxKey{}).(*principal)
	return p
}

// csrfOK checks a state-changing request from a browser session: the
// form field or header must carry the session's token.
func csrfOK(r *http.Request, sess *session) bool {
	tok := r.Header.Get(csrfHeader)
	if tok == "" {
		tok = r.PostFormValue(csrfField)
	}
	return tok != "" && subtle.ConstantTimeCompare([]byte(tok), []byte(sess.csrf)) == 1
}
