//go:build !race

package main

// slowdown is how much slower the race detector makes the code: time
// bounds in tests stretch by it.
const slowdown = 1
