package visible

import (
	"bytes"
	"strings"
	"testing"
)

func TestStringShowsEveryHiddenCharacter(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"plain":             "plain",
		"\x1b[31mred":       `\x1b[31mred`,
		"a\tb\nc\rd":        `a\tb\nc\rd`,
		"\u202eevil\u202c":  "U+202EevilU+202C",
		"zero\u200bwidth":   "zeroU+200Bwidth",
		"c1\u009b":          "c1U+009B",
		"bad\xffbyte":       `bad\xffbyte`,
		"real \ufffd stays": "real \ufffd stays",
		"🧑\u200d🏭 Ира 印刷":   "🧑\u200d🏭 Ира 印刷",
	}
	for in, want := range cases {
		if got := String(in); got != want {
			t.Errorf("String(%q) = %q, want %q", in, got, want)
		}
		if !Plain(String(in)) {
			t.Errorf("String(%q) is not plain", in)
		}
		if got := string(AppendString([]byte("<"), in)); got != "<"+want {
			t.Errorf("AppendString(%q) = %q, want %q", in, got, "<"+want)
		}
		if got := string(AppendBytes([]byte("<"), []byte(in))); got != "<"+want {
			t.Errorf("AppendBytes(%q) = %q, want %q", in, got, "<"+want)
		}
	}
}

func TestWriterKeepsLinesAndCutCharacters(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	w := NewWriter(&out)
	in := "id,name\n1,\x1b[2J Ира\t\u202e\n"
	// Byte by byte: characters cut between writes are joined again.
	for i := 0; i < len(in); i++ {
		w.Write([]byte{in[i]})
	}
	w.Flush()
	if want := "id,name\n1,\\x1b[2J Ира\tU+202E\n"; out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
	if strings.ContainsRune(out.String(), 0x1b) {
		t.Error("ESC passed")
	}
}
