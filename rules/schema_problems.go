package rules

import "github.com/sfcheck/sfcheck/metadata"

// reportProblems is the PerFile function of the schema rules: each reports
// the problems of one kind.
func reportProblems(kind metadata.ProblemKind) func(p *FilePass) {
	return func(p *FilePass) {
		for _, pr := range p.Problems() {
			if pr.Kind == kind {
				p.Report(pr.Node, "%s", pr.Message)
			}
		}
	}
}
