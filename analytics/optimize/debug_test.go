package optimize

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestDebugFuzz(t *testing.T) {
	if os.Getenv("CASE") == "" {
		t.Skip()
	}
	raw, _ := os.ReadFile(os.Getenv("CASE"))
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	q, _ := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(lines[1], "[]byte("), ")"))
	u := func(s string) uint8 {
		s = strings.TrimSuffix(strings.TrimPrefix(s, "byte("), ")")
		if c, err := strconv.Unquote(s); err == nil {
			return c[0]
		}
		v, _ := strconv.ParseUint(s, 0, 8)
		return uint8(v)
	}
	p := fuzzProblem(decode([]byte(q)), u(lines[2]), u(lines[3]))
	fmt.Printf("%#v\n", p)
	done := make(chan bool)
	go func() { s, err := Solve(p); fmt.Println(s, err); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		fmt.Println("HANG")
		buf := make([]byte, 1<<20); n := runtime.Stack(buf, true); fmt.Println(string(buf[:n])); panic("hang")
	}
}
