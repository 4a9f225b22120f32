package reports

// Stamp sets what marks an issue of the report: its fingerprint and, for
// a later version, the changes it opens with ("" and nil: none).
func (r *Report) Stamp(fingerprint string, ri *Reissue) { r.Fingerprint, r.Reissue = fingerprint, ri }

// Stamp sets what marks an issue of the factsheet: its fingerprint and,
// for a later version, the changes it opens with ("" and nil: none).
func (n *NationalReport) Stamp(fingerprint string, ri *Reissue) {
	n.Fingerprint, n.Reissue = fingerprint, ri
}
