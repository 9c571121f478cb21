package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/sfcheck/sfcheck/rules"
)

// writeGitHub writes GitHub Actions workflow commands, which show each
// finding as an annotation on the pull request:
//
//	::error file=PATH,line=L,col=C,title=SF102 cc-run-as-user-missing::message
func writeGitHub(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	for _, f := range r.Findings {
		if f.Suppressed {
			continue
		}
		cmd := "notice"
		switch f.Severity {
		case rules.Error:
			cmd = "error"
		case rules.Warning:
			cmd = "warning"
		}
		msg := f.Message
		for _, rel := range f.Related { // an annotation has one place: name the others in its text
			msg += fmt.Sprintf("\n%s:%d:%d: %s", rel.File, rel.Line, rel.Col, rel.Message)
		}
		fmt.Fprintf(bw, "::%s file=%s,line=%d,col=%d,title=%s::%s\n", cmd, escapeProperty(f.File), f.Line, f.Col,
			escapeProperty(f.Rule.Code+" "+f.Rule.Name), escapeData(msg))
	}
	return bw.Flush()
}

// escapeData and escapeProperty follow the workflow command encoding, and
// write the other control characters (ESC, BEL, ...) as %XX too: the line
// is also printed raw in the job's log.
func escapeData(s string) string {
	return controls(strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s))
}

func escapeProperty(s string) string {
	return controls(strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s))
}

func controls(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
