package account

import (
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"golang.org/x/crypto/argon2"
)

// cheap keeps the tests fast; the parameters travel in each hash, so
// verification reads them back from the hash, not from the store.
var cheap = Params{Time: 1, Memory: 64, Threads: 1}

func newStore(t *testing.T) *Store {
	t.Helper()
	s := Open(filepath.Join(t.TempDir(), "vocmap.duckdb"))
	s.Params = cheap
	return s
}

func TestAddVerify(t *testing.T) {
	s := newStore(t)
	if got, want := s.Path, strings.TrimSuffix(s.Path, ".users.json"); !strings.HasSuffix(want, "vocmap.duckdb") || got == want {
		t.Fatalf("store path %s is not beside the warehouse", got)
	}
	if err := s.Add("张三", Planner, "correct horse"); err != nil {
		t.Fatal(err)
	}
	u, err := s.Verify("张三", "correct horse")
	if err != nil || u.Role != Planner || u.Name != "张三" {
		t.Fatalf("Verify = %+v, %v", u, err)
	}
	for _, c := range []struct{ name, pw string }{{"张三", "correct hors"}, {"张三", "correct horse "}, {"李四", "correct horse"}, {"", ""}} {
		if _, err := s.Verify(c.name, c.pw); !errors.Is(err, ErrBadPassword) {
			t.Errorf("Verify(%q, %q) = %v, want ErrBadPassword", c.name, c.pw, err)
		}
	}
	if err := s.Add("张三", Viewer, "another one"); !errors.Is(err, ErrExists) {
		t.Errorf("second Add = %v, want ErrExists", err)
	}
}

func TestFileHoldsNoPassword(t *testing.T) {
	s := newStore(t)
	if err := s.Add("ops", Admin, "s3cret-words"); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(s.Path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "s3cret-words") {
		t.Fatal("the accounts file holds the password")
	}
	if !strings.Contains(string(b), "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("no argon2id PHC hash in %s", b)
	}
	fi, err := os.Stat(s.Path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
}

// The PHC string decodes to the salt and key argon2id gives for those
// parameters: another implementation reading the file would verify it.
func TestHashFormat(t *testing.T) {
	h, err := Hash("password1", Params{Time: 2, Memory: 128, Threads: 2})
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(h, "$")
	if len(parts) != 6 || parts[1] != "argon2id" || parts[2] != "v=19" || parts[3] != "m=128,t=2,p=2" {
		t.Fatalf("hash %q", h)
	}
	salt, _ := base64.RawStdEncoding.DecodeString(parts[4])
	key, _ := base64.RawStdEncoding.DecodeString(parts[5])
	if len(salt) != 16 || len(key) != 32 {
		t.Fatalf("salt %d bytes, key %d bytes", len(salt), len(key))
	}
	if want := argon2.IDKey([]byte("password1"), salt, 2, 128, 2, 32); string(want) != string(key) {
		t.Fatal("key is not argon2id(password, salt, m=128, t=2, p=2)")
	}
	if !verifyHash(h, "password1") || verifyHash(h, "password2") {
		t.Fatal("verifyHash")
	}
	// Parameters come from the hash: a store with other parameters still
	// verifies an older hash.
	for _, bad := range []string{"", "$argon2i$v=19$m=64,t=1,p=1$AAAA$AAAA", strings.Replace(h, "v=19", "v=16", 1),
		strings.Replace(h, "m=128", "m=999999999", 1), strings.Replace(h, "t=2", "t=0", 1)} {
		if verifyHash(bad, "password1") {
			t.Errorf("verifyHash accepted %q", bad)
		}
	}
}

func TestPasswdRemoveList(t *testing.T) {
	s := newStore(t)
	for _, n := range []string{"b", "a", "c"} {
		if err := s.Add(n, Viewer, "password-"+n); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetPassword("b", "new password"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Verify("b", "password-b"); !errors.Is(err, ErrBadPassword) {
		t.Error("old password still works")
	}
	if _, err := s.Verify("b", "new password"); err != nil {
		t.Error(err)
	}
	if err := s.Remove("a"); err != nil {
		t.Fatal(err)
	}
	if err := s.Remove("a"); !errors.Is(err, ErrNoUser) {
		t.Errorf("Remove twice = %v", err)
	}
	if err := s.SetPassword("zz", "whatever1"); !errors.Is(err, ErrNoUser) {
		t.Errorf("SetPassword unknown = %v", err)
	}
	us, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	if len(us) != 2 || us[0].Name != "b" || us[1].Name != "c" {
		t.Fatalf("List = %+v", us)
	}
}

func TestRejectedInput(t *testing.T) {
	s := newStore(t)
	cases := []struct {
		name, pw string
		role     Role
		field    string
	}{
		{"a:b", "password1", Viewer, "name"},
		{"", "password1", Viewer, "name"},
		{"a b", "password1", Viewer, "name"},
		{strings.Repeat("x", 65), "password1", Viewer, "name"},
		{"ok", "short", Viewer, "password"},
		{"ok", "two\nlines!", Viewer, "password"},
		{"ok", "password1", Role("root"), "role"},
	}
	for _, c := range cases {
		err := s.Add(c.name, c.role, c.pw)
		var ie *InputError
		if !errors.As(err, &ie) || ie.Field != c.field {
			t.Errorf("Add(%q, %q, %q) = %v, want an InputError on %s", c.name, c.role, c.pw, err, c.field)
		}
	}
	if _, err := os.Stat(s.Path); !os.IsNotExist(err) {
		t.Error("a rejected add wrote the file")
	}
}

func TestRoles(t *testing.T) {
	want := map[[2]Role]bool{
		{Viewer, Viewer}: true, {Viewer, Planner}: false, {Viewer, Admin}: false,
		{Planner, Viewer}: true, {Planner, Planner}: true, {Planner, Admin}: false,
		{Admin, Viewer}: true, {Admin, Planner}: true, {Admin, Admin}: true,
		{Role(""), Viewer}: false,
	}
	for k, w := range want {
		if got := k[0].Allows(k[1]); got != w {
			t.Errorf("%q.Allows(%q) = %v", k[0], k[1], got)
		}
	}
}

// Concurrent writers (two `vocmap users add` at once) never lose a change.
func TestConcurrentAdds(t *testing.T) {
	s := newStore(t)
	var wg sync.WaitGroup
	errs := make([]error, 12)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			other := &Store{Path: s.Path, Params: cheap}
			errs[i] = other.Add(fmt.Sprintf("user%02d", i), Viewer, "password1")
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	us, err := s.List()
	if err != nil || len(us) != 12 {
		t.Fatalf("List = %d users, %v; want 12", len(us), err)
	}
}

func TestDamagedFile(t *testing.T) {
	s := newStore(t)
	if err := os.WriteFile(s.Path, []byte(`{"version":1,"users":[{"name":"a","pw":"x"}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := s.List(); err == nil || !strings.Contains(err.Error(), "not an accounts file") {
		t.Fatalf("List on a damaged file = %v", err)
	}
	if err := s.Add("b", Viewer, "password1"); err == nil {
		t.Fatal("Add over a damaged file succeeded (it would drop its accounts)")
	}
}

func TestNewPassword(t *testing.T) {
	a, err := NewPassword()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := NewPassword()
	if len(a) != 20 || a == b || CheckPassword(a) != nil || strings.ContainsAny(a, "0O1lI") {
		t.Fatalf("NewPassword = %q, %q", a, b)
	}
}
