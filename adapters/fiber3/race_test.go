//go:build race

package corsfiber3_test

// raceEnabled is set under the race detector, whose sync.Pool drops items
// at random: fiber's pooled contexts and the core's scratch then allocate,
// so allocation counts mean nothing.
const raceEnabled = true
