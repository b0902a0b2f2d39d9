// Package account keeps the workbench's user accounts: names, roles and
// argon2id password hashes, in a small JSON file of their own beside the
// warehouse (never inside it), so that signing in works while a run holds
// the warehouse for writing.
//
// The file is replaced whole on every change (written to a temporary file
// in the same folder, synced, renamed over the old one) under an exclusive
// flock on a lock file beside it, so two `vocmap users` commands never lose
// each other's change and a reader (`vocmap serve`) always sees a whole
// file. Passwords are never stored or logged; a hash is a PHC string
// ($argon2id$v=19$m=…,t=…,p=…$salt$key) that carries its own parameters.
package account

import (
	"bytes"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
	"golang.org/x/sys/unix"
)

// Role is what an account may do: viewers read, planners also run
// scenarios and plans, admins also manage accounts.
type Role string

// The roles, from least to most allowed.
const (
	Viewer  Role = "viewer"
	Planner Role = "planner"
	Admin   Role = "admin"
)

// ParseRole returns the role named s.
func ParseRole(s string) (Role, error) {
	switch r := Role(s); r {
	case Viewer, Planner, Admin:
		return r, nil
	}
	return "", fmt.Errorf("account: unknown role %q (viewer, planner or admin)", s)
}

func (r Role) rank() int {
	switch r {
	case Viewer:
		return 1
	case Planner:
		return 2
	case Admin:
		return 3
	}
	return 0
}

// Allows reports whether r may do what need requires.
func (r Role) Allows(need Role) bool { return r.rank() > 0 && r.rank() >= need.rank() }

// User is one account as stored.
type User struct {
	Name    string    `json:"name"`
	Role    Role      `json:"role"`
	Hash    string    `json:"hash"`
	Created time.Time `json:"created"`
	Changed time.Time `json:"changed"`
}

// Params are argon2id's cost parameters.
type Params struct {
	Time    uint32 // passes
	Memory  uint32 // KiB
	Threads uint8
}

// DefaultParams follow RFC 9106's second recommended option (64 MiB,
// three passes) with the two lanes a 2-core machine has: about 0.1–0.2 s
// a hash, which is why the server caches verified credentials.
var DefaultParams = Params{Time: 3, Memory: 64 * 1024, Threads: 2}

const (
	saltLen = 16
	keyLen  = 32
	// MinPasswordLen is the shortest password accepted.
	MinPasswordLen = 8
	maxPasswordLen = 1024
	maxNameLen     = 64
	fileVersion    = 1
)

// ErrNoUser is returned for a name the store does not hold.
var ErrNoUser = errors.New("account: no such user")

// ErrExists is returned when adding a name the store already holds.
var ErrExists = errors.New("account: user already exists")

// ErrBadPassword is returned by Verify for a wrong password or name: the
// two are not told apart.
var ErrBadPassword = errors.New("account: wrong name or password")

// InputError is a name or password that cannot be accepted.
type InputError struct {
	Field, Reason string
}

func (e *InputError) Error() string { return "account: " + e.Field + ": " + e.Reason }

// PathFor returns the store beside a warehouse file: W.users.json.
func PathFor(warehouse string) string { return warehouse + ".users.json" }

// Store is the accounts file at Path.
type Store struct {
	Path   string
	Params Params
}

// Open returns the store of the warehouse file at warehouse.
func Open(warehouse string) *Store {
	return &Store{Path: PathFor(warehouse), Params: DefaultParams}
}

type file struct {
	Version int    `json:"version"`
	Users   []User `json:"users"`
}

// List returns the accounts sorted by name; a store not yet written holds
// none.
func (s *Store) List() ([]User, error) {
	f, err := s.read()
	if err != nil {
		return nil, err
	}
	return f.Users, nil
}

// Lookup returns the account named name.
func (s *Store) Lookup(name string) (User, error) {
	f, err := s.read()
	if err != nil {
		return User{}, err
	}
	for _, u := range f.Users {
		if u.Name == name {
			return u, nil
		}
	}
	return User{}, ErrNoUser
}

// Add creates an account.
func (s *Store) Add(name string, role Role, password string) error {
	if err := CheckName(name); err != nil {
		return err
	}
	if _, err := ParseRole(string(role)); err != nil {
		return &InputError{Field: "role", Reason: err.Error()}
	}
	hash, err := s.hash(password)
	if err != nil {
		return err
	}
	return s.update(func(f *file) error {
		for _, u := range f.Users {
			if u.Name == name {
				return ErrExists
			}
		}
		now := time.Now().UTC().Truncate(time.Second)
		f.Users = append(f.Users, User{Name: name, Role: role, Hash: hash, Created: now, Changed: now})
		return nil
	})
}

// SetPassword replaces an account's password.
func (s *Store) SetPassword(name, password string) error {
	hash, err := s.hash(password)
	if err != nil {
		return err
	}
	return s.update(func(f *file) error {
		for i := range f.Users {
			if f.Users[i].Name == name {
				f.Users[i].Hash = hash
				f.Users[i].Changed = time.Now().UTC().Truncate(time.Second)
				return nil
			}
		}
		return ErrNoUser
	})
}

// Remove deletes an account.
func (s *Store) Remove(name string) error {
	return s.update(func(f *file) error {
		for i := range f.Users {
			if f.Users[i].Name == name {
				f.Users = append(f.Users[:i], f.Users[i+1:]...)
				return nil
			}
		}
		return ErrNoUser
	})
}

// Verify checks a name and password and returns the account. An unknown
// name costs the same hash as a known one, so timing does not tell which
// names exist.
func (s *Store) Verify(name, password string) (User, error) {
	u, err := s.Lookup(name)
	if errors.Is(err, ErrNoUser) {
		_ = verifyHash(dummyHash(s.Params), password)
		return User{}, ErrBadPassword
	}
	if err != nil {
		return User{}, err
	}
	if !verifyHash(u.Hash, password) {
		return User{}, ErrBadPassword
	}
	return u, nil
}

// CheckName accepts 1–64 letters, digits, '.', '_' or '-' (Chinese names
// included); ':' is never allowed (HTTP Basic splits on it).
func CheckName(name string) error {
	if name == "" || utf8.RuneCountInString(name) > maxNameLen {
		return &InputError{Field: "name", Reason: fmt.Sprintf("must be 1 to %d characters", maxNameLen)}
	}
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.' && r != '_' && r != '-' {
			return &InputError{Field: "name", Reason: fmt.Sprintf("character %q not allowed (letters, digits, . _ -)", r)}
		}
	}
	return nil
}

// CheckPassword accepts a password of at least MinPasswordLen characters
// without control characters.
func CheckPassword(p string) error {
	n := utf8.RuneCountInString(p)
	if n < MinPasswordLen {
		return &InputError{Field: "password", Reason: fmt.Sprintf("at least %d characters", MinPasswordLen)}
	}
	if len(p) > maxPasswordLen {
		return &InputError{Field: "password", Reason: fmt.Sprintf("at most %d bytes", maxPasswordLen)}
	}
	for _, r := range p {
		if unicode.IsControl(r) {
			return &InputError{Field: "password", Reason: "control characters (a newline, a tab) are not allowed"}
		}
	}
	return nil
}

// NewPassword returns a random password of 20 characters from an
// alphabet without look-alikes (no 0/O, 1/l/I).
func NewPassword() (string, error) {
	const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	b := make([]byte, 20)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b), nil
}

func (s *Store) hash(password string) (string, error) {
	if err := CheckPassword(password); err != nil {
		return "", err
	}
	return Hash(password, s.Params)
}

// Hash returns password's argon2id hash as a PHC string.
func Hash(password string, p Params) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, keyLen)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// verifyHash compares password with a PHC argon2id hash in constant time.
func verifyHash(phc, password string) bool {
	parts := strings.Split(phc, "$")
	if len(parts) != 6 || parts[1] != "argon2id" || parts[2] != fmt.Sprintf("v=%d", argon2.Version) {
		return false
	}
	var p Params
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return false
	}
	if p.Time == 0 || p.Threads == 0 || p.Memory < 8*uint32(p.Threads) || p.Memory > 1<<22 || p.Time > 64 {
		return false
	}
	enc := base64.RawStdEncoding
	salt, err1 := enc.DecodeString(parts[4])
	key, err2 := enc.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(key) == 0 || len(key) > 128 {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1
}

// dummyHash is a fixed hash with the store's parameters, verified against
// for unknown names.
func dummyHash(p Params) string {
	salt := base64.RawStdEncoding.EncodeToString(bytes.Repeat([]byte{7}, saltLen))
	key := base64.RawStdEncoding.EncodeToString(make([]byte, keyLen))
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads, salt, key)
}

func (s *Store) read() (*file, error) {
	b, err := os.ReadFile(s.Path)
	if errors.Is(err, os.ErrNotExist) {
		return &file{Version: fileVersion}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("account: read %s: %w", s.Path, err)
	}
	var f file
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("account: %s is not an accounts file: %w", s.Path, err)
	}
	if f.Version != fileVersion {
		return nil, fmt.Errorf("account: %s has version %d; this vocmap reads version %d", s.Path, f.Version, fileVersion)
	}
	sort.Slice(f.Users, func(i, j int) bool { return f.Users[i].Name < f.Users[j].Name })
	return &f, nil
}

// update applies change to the file under an exclusive lock and replaces
// the file whole.
func (s *Store) update(change func(*file) error) error {
	lock, err := os.OpenFile(s.Path+".lock", os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return fmt.Errorf("account: lock %s: %w", s.Path, err)
	}
	defer lock.Close()
	if err := unix.Flock(int(lock.Fd()), unix.LOCK_EX); err != nil {
		return fmt.Errorf("account: lock %s: %w", s.Path, err)
	}
	defer unix.Flock(int(lock.Fd()), unix.LOCK_UN) //nolint:errcheck // closing releases it too
	f, err := s.read()
	if err != nil {
		return err
	}
	if err := change(f); err != nil {
		return err
	}
	sort.Slice(f.Users, func(i, j int) bool { return f.Users[i].Name < f.Users[j].Name })
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(s.Path), filepath.Base(s.Path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("account: write %s: %w", s.Path, err)
	}
	defer os.Remove(tmp.Name()) //nolint:errcheck // gone after the rename
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return fmt.Errorf("account: write %s: %w", s.Path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), s.Path); err != nil {
		return fmt.Errorf("account: write %s: %w", s.Path, err)
	}
	return nil
}
