//go:build duckdb_arrow

package job

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"

	"github.com/vocmap/vocmap/pipelines/export"
)

// Manifest is manifest.json: which run a period's output folder comes
// from and every file in it (reports included) with its SHA-256.
type Manifest struct {
	RunID    string `json:"run_id"`
	Period   string `json:"period"`
	Snapshot int64  `json:"snapshot_id"`
	Against  string `json:"changes_against,omitempty"`
	// NewData is false when the run read the same files (SHA-256) as the
	// previous period's run: a month whose drop did not arrive.
	NewData *bool `json:"new_data,omitempty"`
	// DataAsOf is the last year of the run's data; SnapshotLoadedAt when
	// the snapshot was ingested (RFC 3339).
	DataAsOf         int    `json:"data_as_of,omitempty"`
	SnapshotLoadedAt string `json:"snapshot_loaded_at,omitempty"`
	// Incomplete says what is missing when a step after the commit
	// failed (the reports, say); the files listed are all there.
	Incomplete string         `json:"incomplete,omitempty"`
	Files      []ManifestFile `json:"files"`
}

// ManifestFile is one file of an output folder.
type ManifestFile struct {
	Name   string `json:"file"` // relative to the folder, with forward slashes
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// ManifestName is the manifest's file name in an output folder.
const ManifestName = "manifest.json"

// ReadManifest reads dir's manifest.json.
func ReadManifest(dir string) (*Manifest, error) {
	b, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("job: %s: %w", filepath.Join(dir, ManifestName), err)
	}
	return &m, nil
}

// Publish replaces the output folder dir by a complete new version in one
// step (see Staging): fill writes the new files into the staging folder;
// with carry, the files of the current dir are there first (a report or
// the demo adding files to a run's folder).
func Publish(dir string, man Manifest, carry bool, fill func(staging string) error) error {
	st, err := NewStaging(dir, carry)
	if err != nil {
		return err
	}
	defer st.Abort()
	if fill != nil {
		if err := fill(st.Dir); err != nil {
			return err
		}
	}
	return st.Publish(man)
}

// Staging is the new version of an output folder while it is written.
// A reader of the folder sees the old version or the new one, never a
// mix, whenever the writer is stopped:
//
//  1. NewStaging makes the staging folder beside dir (.NAME.tmp-PID-…), and
//     with carry copies the current dir's files into it;
//  2. the writer writes the new files into Dir;
//  3. Publish lists every file in manifest.json with its SHA-256 and puts
//     the staging folder in dir's place: renameat2(RENAME_EXCHANGE) swaps
//     the two folders atomically, and the old one, now under the staging
//     name, is removed. Where the file system cannot exchange, dir is
//     renamed aside and the staging folder renamed in: a reader can then
//     find no dir for that instant, but never a mixed one.
//
// NewStaging first removes the staging folders that a killed process left
// beside dir (those whose pid no longer runs). A dir reached through a
// symbolic link is published at the link's target; a dir that is not a
// folder (a file, a named pipe, a device) is refused (*export.OutputError).
type Staging struct {
	Dir   string // where the new files go
	final string
	done  bool
}

// NewStaging starts a new version of the output folder dir.
func NewStaging(dir string, carry bool) (*Staging, error) {
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	// A path that names a file, a pipe or a device is refused
	// (export.OutputError, a usage mistake); the folder is made if new,
	// so that the staging folder can always be exchanged with it.
	if err := export.MkdirAll(dir); err != nil {
		var oe *export.OutputError
		if errors.As(err, &oe) {
			return nil, err
		}
		return nil, fmt.Errorf("job: output folder: %w", err)
	}
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	cleanStale(parent, base)
	legacyClean(dir)
	staging, err := os.MkdirTemp(parent, stagingPrefix(base)+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return nil, fmt.Errorf("job: output folder: %w", err)
	}
	st := &Staging{Dir: staging, final: dir}
	if err := os.Chmod(staging, 0o755); err != nil {
		st.Abort()
		return nil, fmt.Errorf("job: output folder: %w", err)
	}
	if carry {
		if err := copyTree(dir, staging); err != nil {
			st.Abort()
			return nil, fmt.Errorf("job: copy %s: %w", dir, err)
		}
	}
	return st, nil
}

// Publish writes manifest.json into the staging folder and puts the
// folder in place. The files it lists are the folder's files.
func (st *Staging) Publish(man Manifest) error {
	files, err := listFiles(st.Dir)
	if err != nil {
		return fmt.Errorf("job: manifest: %w", err)
	}
	man.Files = files
	b, _ := json.MarshalIndent(man, "", "  ")
	if err := export.WriteAtomic(filepath.Join(st.Dir, ManifestName), func(w io.Writer) error {
		_, err := w.Write(append(b, '\n'))
		return err
	}); err != nil {
		return fmt.Errorf("job: write %s: %w", ManifestName, err)
	}
	if err := swapInto(st.Dir, st.final); err != nil {
		return fmt.Errorf("job: put %s in place: %w", st.final, err)
	}
	st.done = true
	return nil
}

// Final is the folder Publish replaces.
func (st *Staging) Final() string { return st.final }

// Abort removes the staging folder unless it was published.
func (st *Staging) Abort() {
	if st != nil && !st.done {
		os.RemoveAll(st.Dir)
		st.done = true
	}
}

func stagingPrefix(base string) string { return "." + base + ".tmp-" }

// swapInto makes staging the folder dir. After an exchange, staging holds
// the old folder and is removed.
func swapInto(staging, dir string) error {
	err := unix.Renameat2(unix.AT_FDCWD, staging, unix.AT_FDCWD, dir, unix.RENAME_EXCHANGE)
	if err == nil {
		return os.RemoveAll(staging)
	}
	if !errors.Is(err, syscall.EINVAL) && !errors.Is(err, syscall.ENOSYS) && !errors.Is(err, syscall.ENOTSUP) {
		return err
	}
	old := staging + ".old"
	if err := os.Rename(dir, old); err != nil {
		return err
	}
	if err := os.Rename(staging, dir); err != nil {
		os.Rename(old, dir)
		return err
	}
	return os.RemoveAll(old)
}

// cleanStale removes the staging folders of base in parent whose process
// no longer runs (a run killed with -9 or a power loss leaves them).
func cleanStale(parent, base string) {
	ents, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	prefix := stagingPrefix(base)
	for _, e := range ents {
		name, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || !e.IsDir() {
			continue
		}
		pidText, _, _ := strings.Cut(name, "-")
		if pid, err := strconv.Atoi(pidText); err == nil && pid != os.Getpid() && alive(pid) {
			continue // another process is writing it now
		}
		os.RemoveAll(filepath.Join(parent, e.Name()))
	}
}

// legacyClean removes the .tmp-RUN-… folders that runs before Publish
// left inside a period's folder when they were killed.
func legacyClean(dir string) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		if e.IsDir() && strings.HasPrefix(e.Name(), ".tmp-") {
			os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
}

// alive reports whether a process with pid runs on this machine.
func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// listFiles lists every regular file under root (manifest.json excepted)
// with its size and SHA-256, sorted by name.
func listFiles(root string) ([]ManifestFile, error) {
	var out []ManifestFile
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if rel == ManifestName {
			return nil
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s: not a regular file", rel)
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		h := sha256.New()
		n, err := io.Copy(h, f)
		if err != nil {
			return err
		}
		out = append(out, ManifestFile{Name: rel, Bytes: n, SHA256: hex.EncodeToString(h.Sum(nil))})
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, err
}

// copyTree copies the regular files and folders under src into dst
// (manifest.json excepted: Publish writes a new one). A missing src copies
// nothing.
func copyTree(src, dst string) error {
	if _, err := os.Stat(src); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil || rel == "." || rel == ManifestName {
			return err
		}
		target := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			return export.MkdirAll(target)
		case !d.Type().IsRegular():
			return nil // never follow or copy a link or a device
		}
		in, err := os.Open(p)
		if err != nil {
			return err
		}
		defer in.Close()
		return export.WriteAtomic(target, func(w io.Writer) error {
			_, err := io.Copy(w, in)
			return err
		})
	})
}
