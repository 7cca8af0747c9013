//go:build race

package index

// raceDetector tells that the tests run under the race detector, which
// slows them several times over: TestDifferential then runs as many
// cases as with -short, enough to race its parallel walks and caches.
const raceDetector = true
