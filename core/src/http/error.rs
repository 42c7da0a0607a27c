//! The one error type every backend call returns, and the classification of raw HTTP answers.

use std::fmt;

/// Which backend an error came from, so the UI can name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Prometheus,
    Pushgateway,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Prometheus => "Prometheus",
            Backend::Pushgateway => "Pushgateway",
        }
    }
}

/// Why a backend call failed. `Clone` so it can live in signals and error boundaries.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum ApiError {
    /// The request never got an HTTP answer (server down, DNS, CORS, aborted).
    Unreachable { backend: Backend, detail: String },
    /// An HTTP error whose body is not the API's JSON (nginx 502 HTML, Prometheus 503 text).
    Http {
        backend: Backend,
        status: u16,
        body_excerpt: String,
    },
    /// The API answered `status: "error"` with its errorType and message.
    Api {
        backend: Backend,
        error_type: String,
        message: String,
    },
    /// The body could not be understood (truncated JSON, unexpected shape).
    Malformed { backend: Backend, detail: String },
}

impl ApiError {
    pub fn backend(&self) -> Backend {
        match self {
            ApiError::Unreachable { backend, .. }
            | ApiError::Http { backend, .. }
            | ApiError::Api { backend, .. }
            | ApiError::Malformed { backend, .. } => *backend,
        }
    }

    /// The same error, its text naming the gateway it came from (where several are set up).
    pub fn on_gateway(self, base: &str) -> ApiError {
        let at = |text: String| {
            if text.is_empty() {
                format!("gateway {base}")
            } else {
                format!("gateway {base}: {text}")
            }
        };
        match self {
            ApiError::Unreachable { backend, detail } => ApiError::Unreachable {
                backend,
                detail: at(detail),
            },
            ApiError::Http {
                backend,
                status,
                body_excerpt,
            } => ApiError::Http {
                backend,
                status,
                body_excerpt: at(body_excerpt),
            },
            ApiError::Api {
                backend,
                error_type,
                message,
            } => ApiError::Api {
                backend,
                error_type,
                message: at(message),
            },
            ApiError::Malformed { backend, detail } => ApiError::Malformed {
                backend,
                detail: at(detail),
            },
        }
    }

    /// What the user can do about it, in one sentence.
    pub fn advice(&self) -> &'static str {
        match self {
            ApiError::Unreachable { .. } => {
                "Check that the server is running and that the base URL in Settings is right."
            }
            // 503 first: Prometheus itself sends it while starting, nginx sends 502/504.
            ApiError::Http { status: 503, .. } => "The backend is starting or overloaded; retry shortly.",
            ApiError::Http { status: 502 | 504, .. } => {
                "The proxy could not reach the backend: check that it is running."
            }
            ApiError::Http { .. } => "Check the base URL in Settings and the proxy configuration.",
            ApiError::Api { .. } => "Fix the request (for a query: check the PromQL) and retry.",
            ApiError::Malformed { detail, .. } if detail.contains("cut off") => {
                "The answer broke off on its way (a connection or proxy dropped it); retry shortly."
            }
            ApiError::Malformed { .. } => {
                "The answer was not what this API sends: check the base URL points at the right server."
            }
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Unreachable { backend, detail } => {
                write!(f, "Cannot reach {}: {detail}", backend.name())
            }
            ApiError::Http {
                backend,
                status,
                body_excerpt,
            } => {
                write!(f, "{} answered HTTP {status}", backend.name())?;
                if !body_excerpt.is_empty() {
                    write!(f, ": {body_excerpt}")?;
                }
                Ok(())
            }
            ApiError::Api {
                backend,
                error_type,
                message,
            } => {
                write!(f, "{} error ({error_type}): {message}", backend.name())
            }
            ApiError::Malformed { backend, detail } => {
                write!(f, "Malformed answer from {}: {detail}", backend.name())
            }
        }
    }
}

impl std::error::Error for ApiError {}
