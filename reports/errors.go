package reports

import "errors"

// ErrInvalidReport is returned by Render when the Report lacks something it
// cannot do without, such as the generation time that keeps the PDF
// reproducible.
var ErrInvalidReport = errors.New("reports: invalid report")
