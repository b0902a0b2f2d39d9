//go:build duckdb_arrow

package job

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"github.com/vocmap/vocmap/internal/testkit"
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// folder reads every file under dir (manifest.json excepted).
func folder(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		if rel != ManifestName {
			b, _ := os.ReadFile(p)
			out[filepath.ToSlash(rel)] = string(b)
		}
		return nil
	})
	return out
}

func hexSHA(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func TestPublishReplacesTheWholeFolder(t *testing.T) {
	out := t.TempDir()
	dir := filepath.Join(out, "2025-12")
	first := map[string]string{"warnings.csv": "r1\n", "reports/talent_demand.html": "<p>r1</p>", "extra.csv": "old\n"}
	if err := Publish(dir, Manifest{RunID: "2025-12-r1", Period: "2025-12"}, false, func(s string) error {
		writeFiles(t, s, first)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if got := folder(t, dir); !reflect.DeepEqual(got, first) {
		t.Fatalf("first: %v", got)
	}
	// A new run: nothing of the old folder is left, the reports included.
	second := map[string]string{"warnings.csv": "r2\n", "reports/talent_demand.html": "<p>r2</p>"}
	if err := Publish(dir, Manifest{RunID: "2025-12-r2", Period: "2025-12", Snapshot: 3}, false, func(s string) error {
		writeFiles(t, s, second)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if got := folder(t, dir); !reflect.DeepEqual(got, second) {
		t.Fatalf("second: %v", got)
	}
	m, err := ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []ManifestFile{
		{"reports/talent_demand.html", 9, hexSHA("<p>r2</p>")},
		{"warnings.csv", 3, hexSHA("r2\n")},
	}
	if m.RunID != "2025-12-r2" || m.Snapshot != 3 || !reflect.DeepEqual(m.Files, want) {
		t.Errorf("manifest %+v", m)
	}
	// Adding a file keeps the others (carry) and lists it.
	if err := Publish(dir, *m, true, func(s string) error {
		writeFiles(t, s, map[string]string{"plan_2026.xlsx": "plan"})
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if got := folder(t, dir); len(got) != 3 || got["plan_2026.xlsx"] != "plan" || got["warnings.csv"] != "r2\n" {
		t.Errorf("carry: %v", got)
	}
	if m, _ := ReadManifest(dir); len(m.Files) != 3 || m.RunID != "2025-12-r2" {
		t.Errorf("carry manifest %+v", m)
	}
	// Nothing but the folder is left beside it.
	ents, _ := os.ReadDir(out)
	if len(ents) != 1 {
		t.Errorf("left beside the folder: %v", ents)
	}
}

func TestPublishFailureLeavesTheFolder(t *testing.T) {
	out := t.TempDir()
	dir := filepath.Join(out, "2025-12")
	old := map[string]string{"warnings.csv": "r1\n"}
	if err := Publish(dir, Manifest{RunID: "r1"}, false, func(s string) error { writeFiles(t, s, old); return nil }); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("reports failed")
	err := Publish(dir, Manifest{RunID: "r2"}, false, func(s string) error {
		writeFiles(t, s, map[string]string{"warnings.csv": "r2\n"})
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err %v", err)
	}
	if got := folder(t, dir); !reflect.DeepEqual(got, old) {
		t.Errorf("folder changed: %v", got)
	}
	if m, _ := ReadManifest(dir); m.RunID != "r1" {
		t.Errorf("manifest %+v", m)
	}
	if ents, _ := os.ReadDir(out); len(ents) != 1 {
		t.Errorf("staging left behind: %v", ents)
	}
}

func TestPublishCleansStaleStaging(t *testing.T) {
	out := t.TempDir()
	dir := filepath.Join(out, "2025-12")
	dead := testkit.DeadPID(t)
	stale := filepath.Join(out, ".2025-12.tmp-"+strconv.Itoa(dead)+"-123")
	busy := filepath.Join(out, ".2025-12.tmp-1-456") // pid 1 always runs: another writer's
	legacy := filepath.Join(dir, ".tmp-2025-12-r1-789")
	for _, d := range []string{stale, busy, legacy} {
		writeFiles(t, d, map[string]string{"warnings.csv": "half"})
	}
	if err := Publish(dir, Manifest{RunID: "r2"}, true, func(s string) error {
		writeFiles(t, s, map[string]string{"warnings.csv": "r2\n"})
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for d, want := range map[string]bool{stale: false, busy: true, legacy: false} {
		if _, err := os.Stat(d); (err == nil) != want {
			t.Errorf("%s: exists %v, want %v", d, err == nil, want)
		}
	}
	if got := folder(t, dir); !reflect.DeepEqual(got, map[string]string{"warnings.csv": "r2\n"}) {
		t.Errorf("folder %v", got)
	}
}

func TestPublishThroughSymlink(t *testing.T) {
	out := t.TempDir()
	real := filepath.Join(out, "real")
	link := filepath.Join(out, "2025-12")
	if err := os.Mkdir(real, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	if err := Publish(link, Manifest{RunID: "r1"}, false, func(s string) error {
		writeFiles(t, s, map[string]string{"warnings.csv": "r1\n"})
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(real, "warnings.csv")); string(b) != "r1\n" {
		t.Errorf("target: %q", b)
	}
	if fi, _ := os.Stat(real); fi.Mode().Perm() != 0o755 {
		t.Errorf("mode %v", fi.Mode())
	}
}
