//! Asking before a delete: only on a terminal, and never without one (then `--yes` is needed).

use std::io::{BufRead, IsTerminal, Write};

/// Whether to go ahead with `what` (e.g. "Delete 3 groups"). With `yes`, at once; on a
/// terminal, the user's answer; without one, a refusal that says to pass --yes.
pub fn go_ahead(what: &str, yes: bool) -> Result<bool, String> {
    if yes {
        return Ok(true);
    }
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(format!(
            "{what}? Not without --yes: stdin is not a terminal, so nobody can answer"
        ));
    }
    eprint!("{what}? [y/N] ");
    std::io::stderr().flush().map_err(|e| e.to_string())?;
    let mut answer = String::new();
    stdin
        .lock()
        .read_line(&mut answer)
        .map_err(|e| format!("cannot read the answer: {e}"))?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "YES" | "Yes"))
}
