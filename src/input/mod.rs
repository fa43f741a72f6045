//! Input scanning: PEM text into blocks with positions.
