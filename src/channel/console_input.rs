//! Where the console's lines come from: a line editor with history (rustyline: arrow keys
//! move and recall earlier lines instead of printing `^[[A`) when standard input and output
//! are a terminal, or plain lines when input is piped. Both feed one channel the console
//! reads; the editor shows its prompt only once the console has printed the replies, and
//! a reminder that falls due while it waits is printed above the prompt, not into the line.

use std::sync::mpsc as std_mpsc;

use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader};
use tokio::sync::mpsc;

/// The prompt the line editor shows.
const PROMPT: &str = "> ";

/// The console's incoming lines.
pub struct Lines {
    lines: mpsc::Receiver<std::io::Result<String>>,
    /// Tells the line editor to prompt for the next line (none when piped).
    ready: Option<std_mpsc::Sender<()>>,
    /// Prints above the line being typed (the editor's; none when piped).
    printer: Option<Box<dyn rustyline::ExternalPrinter + Send>>,
}

impl Lines {
    /// Plain lines from `input`, as they arrive.
    pub fn piped<R>(input: R) -> Lines
    where
        R: AsyncRead + Unpin + Send + 'static,
    {
        let (tx, rx) = mpsc::channel(16);
        tokio::spawn(async move {
            let mut lines = BufReader::new(input).lines();
            loop {
                let line = match lines.next_line().await {
                    Ok(Some(line)) => Ok(line),
                    Ok(None) => break,
                    Err(error) => Err(error),
                };
                let failed = line.is_err();
                if tx.send(line).await.is_err() || failed {
                    break;
                }
            }
        });
        Lines {
            lines: rx,
            ready: None,
            printer: None,
        }
    }

    /// Lines typed at the terminal through a line editor with history (kept for the
    /// session). Ctrl-D or Ctrl-C ends the conversation.
    pub fn terminal() -> std::io::Result<Lines> {
        let mut editor = rustyline::DefaultEditor::new().map_err(std::io::Error::other)?;
        let printer = editor
            .create_external_printer()
            .ok()
            .map(|p| Box::new(p) as Box<dyn rustyline::ExternalPrinter + Send>);
        let (tx, rx) = mpsc::channel(1);
        let (ready, prompt) = std_mpsc::channel::<()>();
        std::thread::spawn(move || {
            // Each prompt waits until the console has answered the previous line.
            while prompt.recv().is_ok() {
                let line = match editor.readline(PROMPT) {
                    Ok(line) => line,
                    Err(rustyline::error::ReadlineError::Eof)
                    | Err(rustyline::error::ReadlineError::Interrupted) => break,
                    Err(error) => {
                        let _ = tx.blocking_send(Err(std::io::Error::other(error)));
                        break;
                    }
                };
                if !line.trim().is_empty() {
                    let _ = editor.add_history_entry(line.as_str());
                }
                if tx.blocking_send(Ok(line)).is_err() {
                    break;
                }
            }
        });
        Ok(Lines {
            lines: rx,
            ready: Some(ready),
            printer,
        })
    }

    /// The next line, or `None` at the end of input.
    pub async fn next(&mut self) -> Option<std::io::Result<String>> {
        self.lines.recv().await
    }

    /// Prints `text` above the line being typed; `false` when there is no line editor (or
    /// it failed), and the caller writes `text` itself.
    pub fn print_above(&mut self, text: &str) -> bool {
        match &mut self.printer {
            Some(printer) => printer.print(text.to_string()).is_ok(),
            None => false,
        }
    }

    /// The console has printed its answer: the editor may prompt for the next line.
    pub fn ready(&self) {
        if let Some(ready) = &self.ready {
            let _ = ready.send(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn piped_lines_arrive_in_order_and_end() {
        let mut lines = Lines::piped(&b"/help\n\nsecond"[..]);
        lines.ready();
        assert_eq!(lines.next().await.unwrap().unwrap(), "/help");
        assert_eq!(lines.next().await.unwrap().unwrap(), "");
        assert_eq!(lines.next().await.unwrap().unwrap(), "second");
        assert!(lines.next().await.is_none());
    }
}
