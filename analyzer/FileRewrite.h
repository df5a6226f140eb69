#ifndef MODLINT_ANALYZER_FILEREWRITE_H
#define MODLINT_ANALYZER_FILEREWRITE_H

#include "analyzer/SourceFile.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

namespace modlint {

/// The file a fix was computed from.
struct RewriteTarget {
  llvm::StringRef Path;     ///< as named on the command line or found by the walk
  FileIdentity Identity;    ///< of the descriptor that read it
  llvm::StringRef Original; ///< the bytes read
  /// Reached through a symbolic link while walking this directory: written
  /// only when the link's target lies inside it. Empty otherwise.
  llvm::StringRef LinkRoot;
};

/// Replaces \p T's content by \p Text if it is still the file that was read,
/// with the bytes that were read; true when written, false when not written
/// because T is a walked link to a file outside its LinkRoot.
///
/// The path is resolved (symbolic links followed) to a directory, opened
/// once, and a name in it: everything after goes through that directory's
/// descriptor and never follows a link at the name, so swapping the file or
/// a directory above it for a link cannot redirect the write. Right before
/// the file is replaced it must still be the same inode with the same bytes,
/// checked under an advisory lock (flock) that another modlint also takes;
/// otherwise nothing is written and the error says so.
///
/// A file with several hard links is written in place (truncated and
/// rewritten through the checked descriptor: not atomic, as Ruff and Black
/// do); so is one whose owner or extended attributes cannot be copied. Any other
/// file is replaced by a temporary file in the same directory, given its
/// owner, then its xattrs (POSIX ACLs included), then its mode (setuid and
/// setgid, which chown clears), and renamed over it. SIGINT, SIGTERM and
/// SIGHUP while the temporary file exists remove it before modlint dies.
llvm::Expected<bool> rewriteFile(const RewriteTarget &T, llvm::StringRef Text);

/// Test builds only (tests/fixwrite): called with the file's path once its
/// new content is ready and before the file is checked and replaced, so that
/// a test can act at that moment deterministically. Null in `modlint`.
using BeforeReplaceHook = void (*)(llvm::StringRef Path);
void setBeforeReplaceHook(BeforeReplaceHook Hook);

} // namespace modlint

#endif
