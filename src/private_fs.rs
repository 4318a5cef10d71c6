//! Files and folders only the service's own account may read: the SQLite database and its
//! folder, export ZIPs and their folder. Folders are created 0700 and files 0600 (on Unix;
//! elsewhere the platform's defaults apply). Files of ours that an older version (or a
//! umask) left readable by others are narrowed to 0600 when opened; a folder that already
//! existed keeps its mode (it may be the user's own), with a warning when others may read it.

use std::fs::{DirBuilder, File, OpenOptions};
use std::io;
use std::path::Path;

/// Creates `dir` and any missing parents, each new one readable by the owner only. A folder
/// that exists already keeps its mode; a warning says so when others may read it.
pub fn create_dir_all(dir: &Path) -> io::Result<()> {
    let existed = dir.is_dir();
    let mut builder = DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)?;
    if existed && readable_by_others(dir)? {
        tracing::warn!(
            folder = %dir.display(),
            "this folder holds personal data and others may read it; consider chmod 700"
        );
    }
    Ok(())
}

/// Narrows an existing file of ours to owner-only access (0600) when others may read it;
/// a missing file is left alone. Returns whether the mode was changed.
pub fn restrict(path: &Path) -> io::Result<bool> {
    if !path.is_file() || !readable_by_others(path)? {
        return Ok(false);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(true)
}

/// Whether the group or others have any access to `path` (never on non-Unix platforms).
fn readable_by_others(path: &Path) -> io::Result<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Ok(std::fs::metadata(path)?.permissions().mode() & 0o077 != 0)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(false)
    }
}

/// Opens `path` for writing, created (or truncated) readable by the owner only — also when
/// a file left by an older version was readable by others.
pub fn create_file(path: &Path) -> io::Result<File> {
    restrict(path)?;
    private_options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(true)
        .open(path)
}

/// Creates `path` empty, readable by the owner only, unless it exists (then nothing changes).
pub fn create_if_missing(path: &Path) -> io::Result<()> {
    match private_options().write(true).create_new(true).open(path) {
        Ok(_) => Ok(()),
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        Err(error) => Err(error),
    }
}

fn private_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
}
