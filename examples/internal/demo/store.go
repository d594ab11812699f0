package demo

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"sync"
)

// Item is one entry of the items API.
type Item struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Done bool   `json:"done"`
}

// Store is the items API's data, in memory and safe for concurrent use.
// Its methods take request bodies as they arrived, so that the four
// examples' handlers stay one line of framework code each.
type Store struct {
	mu    sync.Mutex
	items map[string]Item
	last  int
}

// NewStore returns a store holding two items.
func NewStore() *Store {
	return &Store{
		items: map[string]Item{
			"1": {ID: "1", Name: "Write the CORS core", Done: true},
			"2": {ID: "2", Name: "Try it in a real browser"},
		},
		last: 2,
	}
}

// List returns the items in the order of their ids.
func (s *Store) List() []Item {
	s.mu.Lock()
	defer s.mu.Unlock()
	list := make([]Item, 0, len(s.items))
	for _, it := range s.items {
		list = append(list, it)
	}
	slices.SortFunc(list, func(a, b Item) int { return idOrder(a.ID, b.ID) })
	return list
}

// idOrder sorts numeric ids by value and the others after them.
func idOrder(a, b string) int {
	x, errA := strconv.Atoi(a)
	y, errB := strconv.Atoi(b)
	switch {
	case errA == nil && errB == nil:
		return x - y
	case errA == nil:
		return -1
	case errB == nil:
		return 1
	}
	if a < b {
		return -1
	}
	if a > b {
		return 1
	}
	return 0
}

// Create adds the item in the JSON body under a new id and returns what
// POST echoes: the body as it came, or {} when it was empty.
func (s *Store) Create(body []byte) ([]byte, error) {
	var it Item
	if err := decode(body, &it); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.last++
	it.ID = strconv.Itoa(s.last)
	s.items[it.ID] = it
	if len(body) == 0 {
		return []byte("{}"), nil
	}
	return body, nil
}

// Replace stores the item in the JSON body as id, creating it if need be,
// and returns it.
func (s *Store) Replace(id string, body []byte) (Item, error) {
	var it Item
	if err := decode(body, &it); err != nil {
		return Item{}, err
	}
	it.ID = id
	s.mu.Lock()
	defer s.mu.Unlock()
	s.items[id] = it
	return it, nil
}

// Update changes only the fields present in the JSON body, creating the
// item if need be, and returns it.
func (s *Store) Update(id string, body []byte) (Item, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	it := s.items[id]
	if err := decode(body, &it); err != nil {
		return Item{}, err
	}
	it.ID = id
	s.items[id] = it
	return it, nil
}

// Delete removes id. Deleting an item that is not there succeeds, as
// DELETE is idempotent.
func (s *Store) Delete(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.items, id)
}

// decode reads an item's fields from body into it. An empty body changes
// nothing, so that a bare PUT from a tool such as corscheck still works.
func decode(body []byte, it *Item) error {
	if len(body) == 0 {
		return nil
	}
	if err := json.Unmarshal(body, it); err != nil {
		return fmt.Errorf("the body is not an item: %w", err)
	}
	return nil
}

// RequestID returns a fresh random id for the X-Request-Id header.
func RequestID() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
