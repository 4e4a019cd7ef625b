package casefile

// QuickReads reports whether the quick reader reads data (for the test of
// synthetic cases, in package casefile_test: package synth imports this
// one).
func QuickReads(file string, data []byte) bool {
	var ps Problems
	c, _ := decodeQuick(file, data, &ps)
	return c != nil
}
