//! pem rules.
