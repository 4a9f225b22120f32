package pipeline_test

import (
	"testing"
	"time"

	"lpa/examples"
	"lpa/pipeline"
)

// TestInboxFS: the load job reads an inbox built into lpa (the example
// schedule away from a clone) like a folder: everything on the first run,
// nothing again on the second.
func TestInboxFS(t *testing.T) {
	p, db := newPipeline(t, "")
	svc, err := pipeline.NewService(p, pipeline.Schedule{
		Jobs: []pipeline.JobSpec{{Name: pipeline.JobLoad, Cron: "0 6 1 1 *"}}, InboxFS: examples.FS}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	defer svc.Stop()
	var loads []string
	for i := range 2 {
		if err := svc.RunNow(pipeline.JobLoad); err != nil {
			t.Fatal(err)
		}
		for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(50 * time.Millisecond) {
			runs, err := p.Runs(t.Context(), 1)
			if err != nil {
				t.Fatal(err)
			}
			if len(runs) == 1 && runs[0].ID == int64(i+1) && runs[0].Status != "running" {
				if runs[0].Status != "ok" {
					t.Fatalf("load run %d: %s %s", i+1, runs[0].Status, runs[0].Error)
				}
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("the load run did not finish")
			}
		}
		loads = append(loads, queryRows(t, db, "SELECT count(*) FROM loads")[0][0])
	}
	if loads[0] == "0" || loads[1] != loads[0] {
		t.Errorf("loads after the first and the second run: %v; want the examples once", loads)
	}
}
