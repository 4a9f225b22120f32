// Command killtrial proves that lpa's writes are atomic: it runs lpa load,
// lpa compute and lpa report, kills each with SIGKILL at a random moment,
// and checks what is left. After every kill
//
//   - the warehouse opens, and every table (timestamps aside) equals its
//     state before the command or after it, never something between;
//   - no key is stored twice, and the load log agrees with the rows;
//   - the report folder holds the whole set before or the whole set after,
//     byte for byte, and no half-written PDF;
//   - no temporary file is left outside the folders lpa owns and clears
//     at start (checked by running the command again).
//
// Run from the repository root:
//
//	go run -tags duckdb_arrow ./scripts/killtrial                 # 50 load, 20 compute, 20 report trials
//	go run -tags duckdb_arrow ./scripts/killtrial -load 5 -compute 3 -report 3
//
// The loads read ../shared/data (or $LPA_SHARED_DATA) where present, else
// the bundled examples.
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"golang.org/x/term"
)

func main() {
	loads := flag.Int("load", 50, "load trials")
	computes := flag.Int("compute", 20, "compute trials")
	reps := flag.Int("report", 20, "report trials")
	data := flag.String("data", "", "folder to load (default ../shared/data or $LPA_SHARED_DATA, else the bundled examples)")
	seed := flag.Uint64("seed", uint64(time.Now().UnixNano()), "random seed for the kill moments")
	flag.Parse()
	if err := run(*loads, *computes, *reps, *data, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "killtrial:", err)
		os.Exit(1)
	}
}

// trial is what one command and its kills came to.
type tally struct {
	name                                   string
	trials, before, after, between, broken int
	leftovers                              int
	notes                                  []string
}

func (t *tally) String() string {
	return fmt.Sprintf("%-8s trials %3d  before %3d  after %3d  between %d  broken %d  leftovers %d",
		t.name, t.trials, t.before, t.after, t.between, t.broken, t.leftovers)
}

type env struct {
	bin, work string
	tmp       string // the TMPDIR of every lpa the trials start
	rng       *rand.Rand
}

func run(nLoad, nCompute, nReport int, data string, seed uint64) error {
	work, err := os.MkdirTemp("", "lpa-killtrial-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	e := &env{bin: filepath.Join(work, "lpa"), work: work, rng: rand.New(rand.NewPCG(seed, 1))}
	fmt.Printf("seed %d; building lpa\n", seed)
	if out, err := exec.Command("go", "build", "-tags", "duckdb_arrow", "-o", e.bin, "./cmd/lpa").CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, out)
	}
	if data == "" {
		data = os.Getenv("LPA_SHARED_DATA")
	}
	if data == "" {
		if _, err := os.Stat("../shared/data"); err == nil {
			data = "../shared/data"
		}
	}
	e.tmp = filepath.Join(work, "tmp")
	if err := os.MkdirAll(e.tmp, 0o755); err != nil {
		return err
	}

	// The warehouse every load trial starts from: the bundled examples.
	base := filepath.Join(work, "base.duckdb")
	if _, err := e.lpa("--db", base, "load", "examples/data", "examples/accords"); err != nil {
		return err
	}
	loadArgs := []string{"load", "examples"}
	if data != "" {
		loadArgs = []string{"load", "--replace", data}
	}
	fmt.Printf("load trials: lpa %s\n", strings.Join(loadArgs, " "))
	tl, err := e.trials("load", nLoad, base, loadArgs)
	if err != nil {
		return err
	}

	// Compute: a warehouse after the load with round 2024-11-01; the trial
	// computes 2020-11-01.
	loaded := filepath.Join(work, "loaded.duckdb")
	if err := copyFile(base, loaded); err != nil {
		return err
	}
	if _, err := e.lpa(append([]string{"--db", loaded}, loadArgs...)...); err != nil {
		return err
	}
	if _, err := e.lpa("--db", loaded, "compute", "--round", "2024-11-01"); err != nil {
		return err
	}
	tc, err := e.trials("compute", nCompute, loaded, []string{"compute", "--round", "2020-11-01"})
	if err != nil {
		return err
	}

	// Report: both rounds computed; the folder holds the reports of
	// 2024-11-01, the trial writes those of 2020-11-01.
	if _, err := e.lpa("--db", loaded, "compute", "--round", "2020-11-01"); err != nil {
		return err
	}
	tr, err := e.reportTrials(nReport, loaded)
	if err != nil {
		return err
	}
	fmt.Println()
	for _, t := range []*tally{tl, tc, tr} {
		fmt.Println(t)
		for _, n := range t.notes {
			fmt.Println("   ", n)
		}
	}
	if tl.between+tl.broken+tc.between+tc.broken+tr.between+tr.broken+tl.leftovers+tc.leftovers+tr.leftovers > 0 {
		return errors.New("some trials left a state between before and after, or leftovers")
	}
	return nil
}

// trials kills args (run on a copy of base) at random moments and checks
// the warehouse after each kill.
func (e *env) trials(name string, n int, base string, args []string) (*tally, error) {
	t := &tally{name: name}
	if n == 0 {
		return t, nil
	}
	before, err := e.fingerprint(base)
	if err != nil {
		return nil, err
	}
	ref := filepath.Join(e.work, name+"-after.duckdb")
	if err := copyFile(base, ref); err != nil {
		return nil, err
	}
	start := time.Now()
	files, lastParse, err := e.timedRun(append([]string{"--db", ref}, args...)...)
	if err != nil {
		return nil, err
	}
	full := time.Since(start)
	write := full - lastParse // the load's writing, after the last file is parsed
	after, err := e.fingerprint(ref)
	if err != nil {
		return nil, err
	}
	if before == after {
		return nil, fmt.Errorf("%s: the command changes nothing; the trial would prove nothing", name)
	}
	fmt.Printf("%s: a whole run takes %s; %d trials\n", name, full.Round(time.Millisecond), n)
	if files > 0 {
		fmt.Printf("%s: the writing takes the last %s (after %d files are parsed); every third trial kills in it\n", name, write.Round(time.Millisecond), files)
	}
	db := filepath.Join(e.work, name+"-trial.duckdb")
	for i := range n {
		os.Remove(db + ".wal")
		if err := copyFile(base, db); err != nil {
			return nil, err
		}
		at := e.moment(i, full)
		if files > 0 && i%3 == 2 {
			at = time.Duration(e.rng.Int64N(int64(write) * 11 / 10))
			e.killInWrite(files, at, append([]string{"--db", db}, args...)...)
			at += lastParse
		} else {
			e.killAt(at, append([]string{"--db", db}, args...)...)
		}
		t.trials++
		got, err := e.fingerprint(db)
		switch {
		case err != nil:
			t.broken++
			t.notes = append(t.notes, fmt.Sprintf("trial %d (kill at %s): %v", i, at.Round(time.Millisecond), err))
		case got == before:
			t.before++
		case got == after:
			t.after++
		default:
			t.between++
			t.notes = append(t.notes, fmt.Sprintf("trial %d (kill at %s): neither before nor after:\n%s", i, at.Round(time.Millisecond), diffLines(after, got)))
		}
		if err == nil {
			if msg := e.consistent(db); msg != "" {
				t.between++
				t.notes = append(t.notes, fmt.Sprintf("trial %d: %s", i, msg))
			}
		}
		if left := e.leftovers(db); len(left) > 0 {
			t.leftovers++
			t.notes = append(t.notes, fmt.Sprintf("trial %d: left %v", i, left))
		}
		progress(t)
	}
	fmt.Println()
	return t, nil
}

// progress shows the tally so far: in place on a terminal.
func progress(t *tally) {
	if term.IsTerminal(int(os.Stdout.Fd())) {
		fmt.Printf("\r%s", t)
	} else if t.trials%10 == 0 {
		fmt.Println(t)
	}
}

// reportTrials kills lpa report at random moments; the folder must hold
// the whole set of one round or the other.
func (e *env) reportTrials(n int, db string) (*tally, error) {
	t := &tally{name: "report"}
	if n == 0 {
		return t, nil
	}
	refOld, refNew := filepath.Join(e.work, "ref-2024"), filepath.Join(e.work, "ref-2020")
	if _, err := e.lpa("--db", db, "report", "--round", "2024-11-01", "--out", refOld); err != nil {
		return nil, err
	}
	start := time.Now()
	if _, err := e.lpa("--db", db, "report", "--round", "2020-11-01", "--out", refNew); err != nil {
		return nil, err
	}
	full := time.Since(start)
	before, after := dirPrint(refOld), dirPrint(refNew)
	if before == after {
		return nil, errors.New("report: both rounds give the same PDFs")
	}
	fmt.Printf("report: a whole run takes %s; %d trials\n", full.Round(time.Millisecond), n)
	out := filepath.Join(e.work, "trial-out", "rapporten")
	for i := range n {
		os.RemoveAll(filepath.Dir(out))
		if err := copyDir(refOld, out); err != nil {
			return nil, err
		}
		at := e.moment(i, full)
		e.killAt(at, "--db", db, "report", "--round", "2020-11-01", "--out", out)
		t.trials++
		switch got := dirPrint(out); got {
		case before:
			t.before++
		case after:
			t.after++
		default:
			t.between++
			t.notes = append(t.notes, fmt.Sprintf("trial %d (kill at %s): folder holds a mix:\n%s", i, at.Round(time.Millisecond), got))
		}
		// lpa's staging folder may hold what the kill interrupted; the next
		// run clears it. Anything else is a leftover.
		var left []string
		filepath.WalkDir(filepath.Dir(out), func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && !strings.HasPrefix(p, out+string(filepath.Separator)) && !strings.Contains(p, ".rapporten.lpa-tmp") {
				left = append(left, p)
			}
			return nil
		})
		if _, err := e.lpa("--db", db, "report", "--round", "2020-11-01", "--out", out); err != nil {
			return nil, err
		}
		if _, err := os.Stat(filepath.Join(filepath.Dir(out), ".rapporten.lpa-tmp")); err == nil {
			left = append(left, "staging folder after the next run")
		}
		left = append(left, e.newTmp()...)
		if len(left) > 0 {
			t.leftovers++
			t.notes = append(t.notes, fmt.Sprintf("trial %d: left %v", i, left))
		}
		progress(t)
	}
	fmt.Println()
	return t, nil
}

// moment is when trial i kills a command whose whole run takes full: the
// even trials anywhere in the run (and a little after), the odd ones in its
// second half, where the writing happens (parsing comes first).
func (e *env) moment(i int, full time.Duration) time.Duration {
	if i%2 == 0 {
		return time.Duration(e.rng.Int64N(int64(full) * 11 / 10))
	}
	return full/2 + time.Duration(e.rng.Int64N(int64(full)*6/10))
}

// killAt starts lpa and kills it with SIGKILL after d (or lets it end).
func (e *env) killAt(d time.Duration, args ...string) {
	cmd := exec.Command(e.bin, args...)
	cmd.Env = append(os.Environ(), "TMPDIR="+e.tmp)
	cmd.Stdout, cmd.Stderr = nil, nil
	if err := cmd.Start(); err != nil {
		return
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(d):
		cmd.Process.Signal(syscall.SIGKILL)
		<-done
	}
}

// timedRun runs lpa and returns how many files it reported parsed (the
// progress lines "read …" / "refused …" on stderr) and when the last came.
func (e *env) timedRun(args ...string) (files int, last time.Duration, err error) {
	cmd := exec.Command(e.bin, args...)
	cmd.Env = append(os.Environ(), "TMPDIR="+e.tmp)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return 0, 0, err
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, 0, err
	}
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		if l := sc.Text(); strings.HasPrefix(l, "read ") || strings.HasPrefix(l, "refused ") {
			files++
			last = time.Since(start)
		}
	}
	return files, last, cmd.Wait()
}

// killInWrite starts lpa, waits until it has parsed files files, and kills
// it d later.
func (e *env) killInWrite(files int, d time.Duration, args ...string) {
	cmd := exec.Command(e.bin, args...)
	cmd.Env = append(os.Environ(), "TMPDIR="+e.tmp)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return
	}
	if err := cmd.Start(); err != nil {
		return
	}
	parsed := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(stderr)
		n := 0
		for sc.Scan() {
			if l := sc.Text(); strings.HasPrefix(l, "read ") || strings.HasPrefix(l, "refused ") {
				if n++; n == files {
					close(parsed)
				}
			}
		}
		if n < files {
			close(parsed)
		}
	}()
	done := make(chan struct{})
	go func() { <-parsed; cmd.Wait(); close(done) }()
	<-parsed
	select {
	case <-done:
	case <-time.After(d):
		cmd.Process.Signal(syscall.SIGKILL)
		<-done
	}
}

func (e *env) lpa(args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	var out, errOut bytes.Buffer
	cmd := exec.CommandContext(ctx, e.bin, args...)
	cmd.Env = append(os.Environ(), "TMPDIR="+e.tmp)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("lpa %s: %v\n%s", strings.Join(args, " "), err, errOut.String())
	}
	return out.String(), nil
}
