package optimize

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestDebugCorpus(t *testing.T) {
	dir := os.Getenv("CORPUS")
	if dir == "" {
		t.Skip()
	}
	files, _ := filepath.Glob(dir + "/*")
	count := map[string]int{}
	for _, f := range files {
		raw, _ := os.ReadFile(f)
		lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
		q, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(lines[1], "[]byte("), ")"))
		if err != nil {
			continue
		}
		u := func(s string) uint8 {
			s = strings.TrimSuffix(strings.TrimPrefix(s, "byte("), ")")
			if c, err := strconv.Unquote(s); err == nil {
				return c[0]
			}
			v, _ := strconv.ParseUint(s, 0, 8)
			return uint8(v)
		}
		p := fuzzProblem(decode([]byte(q)), u(lines[2]), u(lines[3]))
		_, err = Solve(p)
		k := "ok"
		if err != nil {
			k = err.Error()
			if i := strings.IndexAny(k, "=0123456789"); i > 0 {
				k = k[:i]
			}
			if len(k) > 90 {
				k = k[:90]
			}
			if strings.Contains(k, "budget") || strings.Contains(k, "numerical") || strings.Contains(k, "converge") || strings.Contains(k, "lp") {
				fmt.Printf("%s %s\n", filepath.Base(f), err)
			}
		}
		count[k]++
	}
	for k, v := range count {
		fmt.Println(v, k)
	}
}
