package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vocmap/vocmap/web/account"
)

func users(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// The accounts live beside the warehouse, so `users add --warehouse W`
// and `serve --warehouse W` meet; no warehouse is needed to manage them.
func TestUsersCommands(t *testing.T) {
	wh := filepath.Join(t.TempDir(), "w.duckdb")
	if code, out, stderr := users(t, "pass word 1\n", "--warehouse", wh, "users", "add", "张三", "--role", "planner", "--password-stdin"); code != 0 || !strings.Contains(out, "张三") {
		t.Fatalf("add: exit %d\n%s%s", code, out, stderr)
	}
	// The line's newline is dropped, its inner space kept.
	if u, err := account.Open(wh).Verify("张三", "pass word 1"); err != nil || u.Role != account.Planner {
		t.Fatalf("Verify after add: %+v %v", u, err)
	}
	// Without --password-stdin a password is made and printed once.
	code, out, _ := users(t, "", "--warehouse", wh, "--lang", "en", "users", "add", "ops", "--role", "admin")
	if code != 0 {
		t.Fatalf("add ops: exit %d", code)
	}
	i := strings.Index(out, "once; hand it over safely): ")
	if i < 0 {
		t.Fatalf("no password printed:\n%s", out)
	}
	pw := strings.TrimSpace(out[i+len("once; hand it over safely): "):])
	if _, err := account.Open(wh).Verify("ops", pw); err != nil {
		t.Fatalf("printed password %q does not verify: %v", pw, err)
	}
	b, err := os.ReadFile(account.PathFor(wh))
	if err != nil || bytes.Contains(b, []byte(pw)) || bytes.Contains(b, []byte("pass word 1")) {
		t.Fatalf("accounts file holds a password (or is missing: %v)", err)
	}
	code, out, _ = users(t, "", "--warehouse", wh, "users", "list", "--format", "json")
	var rows []map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &rows) != nil || len(rows) != 2 || rows[0]["name"] != "ops" || rows[1]["role"] != "planner" {
		t.Fatalf("list: exit %d\n%s", code, out)
	}
	if strings.Contains(out, "argon2") {
		t.Fatal("list shows hashes")
	}
	if code, _, _ := users(t, "new password\n", "--warehouse", wh, "users", "passwd", "张三", "--password-stdin"); code != 0 {
		t.Fatalf("passwd: exit %d", code)
	}
	if _, err := account.Open(wh).Verify("张三", "new password"); err != nil {
		t.Fatal("passwd did not change the password")
	}
	if code, _, _ := users(t, "", "--warehouse", wh, "users", "remove", "ops"); code != 0 {
		t.Fatalf("remove: exit %d", code)
	}
	for _, c := range []struct {
		stdin string
		args  []string
		want  string
	}{
		{"password1\n", []string{"users", "add", "张三", "--role", "viewer", "--password-stdin"}, "已存在"},
		{"", []string{"users", "add", "x", "--role", "root"}, "无效"},
		{"", []string{"users", "add", "a:b", "--role", "viewer"}, "无效"},
		{"short\n", []string{"users", "add", "y", "--role", "viewer", "--password-stdin"}, "至少 8 个字符"},
		{"\n", []string{"users", "add", "y", "--role", "viewer", "--password-stdin"}, "没有密码"},
		{"", []string{"users", "remove", "ops"}, "没有账户 ops"},
		{"", []string{"users", "add", "y"}, "role"},
	} {
		code, _, stderr := users(t, c.stdin, append([]string{"--warehouse", wh}, c.args...)...)
		if code != exitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, want 2 with %q:\n%s", c.args, code, c.want, stderr)
		}
	}
	us, _ := account.Open(wh).List()
	if len(us) != 1 || us[0].Name != "张三" {
		t.Fatalf("accounts after the refused commands: %+v", us)
	}
}
