package demo

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/corskit/corskit/core"
)

// TestDemoPolicyMatchesFile keeps examples/cors.json, which the README's
// commands use, the same as the policy an example serves without -config.
func TestDemoPolicyMatchesFile(t *testing.T) {
	p, err := LoadPolicy(filepath.Join("..", "..", "cors.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(p, DemoPolicy()) {
		t.Errorf("cors.json = %+v\nDemoPolicy() = %+v", p, DemoPolicy())
	}
	if _, err := core.New(p); err != nil {
		t.Errorf("the demo policy is refused: %v", err)
	}
}

func TestReloadKeepsOldPolicyOnError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cors.json")
	write := func(s string) {
		if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(`{"allowedOrigins": ["https://a.example.com"]}`)
	e, err := LoadEngine(path)
	if err != nil {
		t.Fatal(err)
	}
	allows := func(origin string) bool {
		d := e.Evaluate(core.Request{Method: "GET", Path: "/", Origin: []string{origin}})
		return d.Allowed
	}
	write(`{"allowedOrigins": ["https://b.example.com"]}`)
	if !Reload(e, path) || !allows("https://b.example.com") || allows("https://a.example.com") {
		t.Fatal("a good file was not applied")
	}
	for _, bad := range []string{`{"allowedOrigins": []}`, `{"maxage": 1}`, `not JSON`} {
		write(bad)
		if Reload(e, path) || !allows("https://b.example.com") {
			t.Errorf("%s: the old policy did not keep serving", bad)
		}
	}
	os.Remove(path)
	if Reload(e, path) || !allows("https://b.example.com") {
		t.Error("a missing file: the old policy did not keep serving")
	}
	if Reload(e, "") {
		t.Error("no -config: Reload reported a new policy")
	}
}

func TestStore(t *testing.T) {
	s := NewStore()
	if n := len(s.List()); n != 2 {
		t.Fatalf("a new store has %d items, want 2", n)
	}
	if echo, err := s.Create([]byte(`{"name":"x"}`)); err != nil || string(echo) != `{"name":"x"}` {
		t.Errorf("Create = %s, %v; want the body echoed", echo, err)
	}
	if echo, err := s.Create(nil); err != nil || string(echo) != `{}` {
		t.Errorf("Create(empty) = %s, %v; want {}", echo, err)
	}
	if _, err := s.Create([]byte(`[1]`)); err == nil {
		t.Error("Create accepted a body that is not an item")
	}
	if it, err := s.Replace("10", []byte(`{"name":"ten","done":true}`)); err != nil || it != (Item{ID: "10", Name: "ten", Done: true}) {
		t.Errorf("Replace = %+v, %v; want the item stored whole", it, err)
	}
	it, _ := s.Update("10", []byte(`{"name":"TEN"}`))
	if it != (Item{ID: "10", Name: "TEN", Done: true}) {
		t.Errorf("Update kept %+v; want only name changed", it)
	}
	s.Delete("10")
	s.Delete("10") // idempotent
	ids := []string{}
	for _, it := range s.List() {
		ids = append(ids, it.ID)
	}
	if want := []string{"1", "2", "3", "4"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("ids %v, want %v in numeric order", ids, want)
	}
}
