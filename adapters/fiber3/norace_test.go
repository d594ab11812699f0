//go:build !race

package corsfiber3_test

const raceEnabled = false
