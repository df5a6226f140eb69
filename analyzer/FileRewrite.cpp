#include "analyzer/FileRewrite.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <csignal>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <random>

#include <pthread.h>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

using namespace llvm;

namespace modlint {

namespace {
BeforeReplaceHook Hook = nullptr;

struct UniqueFD {
  int FD = -1;
  UniqueFD() = default;
  explicit UniqueFD(int FD) : FD(FD) {}
  UniqueFD(UniqueFD &&O) : FD(O.FD) { O.FD = -1; }
  UniqueFD &operator=(UniqueFD &&O) {
    std::swap(FD, O.FD);
    return *this;
  }
  ~UniqueFD() {
    if (FD >= 0)
      ::close(FD);
  }
};

Error errnoError(const char *What, int Errno = errno) {
  std::error_code EC(Errno, std::generic_category());
  return createStringError(EC, "%s: %s", What, EC.message().c_str());
}

/// The file is not the one read, or not with the bytes read.
class ChangedError : public ErrorInfo<ChangedError> {
public:
  static char ID;
  void log(raw_ostream &OS) const override {
    OS << "changed while modlint was fixing it; not written";
  }
  std::error_code convertToErrorCode() const override { return inconvertibleErrorCode(); }
};
char ChangedError::ID;

Error changedError() { return make_error<ChangedError>(); }

// The temporary file not yet renamed, for the signal handler: a directory
// descriptor and a name, so that removing it needs no allocation or lookup.
volatile sig_atomic_t PendingDir = -1;
char PendingName[32];
constexpr int CleanedSignals[] = {SIGINT, SIGTERM, SIGHUP};

extern "C" void removePendingAndDie(int Sig) {
  int Dir = PendingDir;
  if (Dir >= 0)
    ::unlinkat(Dir, PendingName, 0);
  ::signal(Sig, SIG_DFL);
  ::raise(Sig); // delivered on return: dies as the signal asked
}

/// SIGINT, SIGTERM and SIGHUP remove the pending temporary file while it
/// lives; a signal the caller ignores (nohup) stays ignored.
class SignalCleanup {
public:
  SignalCleanup() {
    struct sigaction SA;
    std::memset(&SA, 0, sizeof SA);
    SA.sa_handler = removePendingAndDie;
    sigemptyset(&SA.sa_mask);
    for (unsigned I = 0; I < std::size(CleanedSignals); ++I) {
      ::sigaction(CleanedSignals[I], nullptr, &Old[I]);
      if (Old[I].sa_handler != SIG_IGN)
        ::sigaction(CleanedSignals[I], &SA, nullptr);
    }
  }
  ~SignalCleanup() {
    PendingDir = -1;
    for (unsigned I = 0; I < std::size(CleanedSignals); ++I)
      ::sigaction(CleanedSignals[I], &Old[I], nullptr);
  }

private:
  struct sigaction Old[std::size(CleanedSignals)];
};

/// Creates `.modlint-XXXXXXXX.tmp` in \p Dir (0600, never through a link)
/// and makes it the pending one; signals are held meanwhile so that a file
/// created is always one the handler knows.
Expected<UniqueFD> createTemporary(int Dir, std::string &Name) {
  static std::mt19937_64 Random{std::random_device{}()};
  sigset_t Held, Before;
  sigemptyset(&Held);
  for (int Sig : CleanedSignals)
    sigaddset(&Held, Sig);
  for (unsigned Try = 0; Try < 100; ++Try) {
    char Buf[sizeof PendingName];
    std::snprintf(Buf, sizeof Buf, ".modlint-%08llx.tmp",
                  static_cast<unsigned long long>(Random() & 0xffffffffu));
    ::pthread_sigmask(SIG_BLOCK, &Held, &Before);
    int FD = ::openat(Dir, Buf, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    int Errno = errno;
    if (FD >= 0) {
      std::memcpy(PendingName, Buf, sizeof Buf);
      PendingDir = Dir;
    }
    ::pthread_sigmask(SIG_SETMASK, &Before, nullptr);
    if (FD >= 0) {
      Name = Buf;
      return UniqueFD(FD);
    }
    if (Errno != EEXIST)
      return errnoError("cannot create a temporary file beside it", Errno);
  }
  return errnoError("cannot create a temporary file beside it", EEXIST);
}

Error writeAll(int FD, StringRef Text) {
  for (size_t Done = 0; Done < Text.size();) {
    ssize_t N = ::pwrite(FD, Text.data() + Done, Text.size() - Done, Done);
    if (N < 0 && errno == EINTR)
      continue;
    if (N < 0)
      return errnoError("cannot write the fixed file");
    Done += N;
  }
  if (::ftruncate(FD, Text.size()) != 0)
    return errnoError("cannot write the fixed file");
  return Error::success();
}

/// Opens \p Name in \p Dir, not following a link, and checks it is the
/// regular file that was read.
Expected<UniqueFD> openSameFile(int Dir, StringRef Name, FileIdentity Id, int Flags,
                                struct stat &St) {
  SmallString<64> N(Name);
  UniqueFD F(::openat(Dir, N.c_str(), Flags | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
  if (F.FD < 0) {
    if (errno == ENOENT || errno == ELOOP || errno == ENXIO)
      return changedError(); // gone, or a link or socket in its place
    return errnoError((Flags & O_RDWR) ? "cannot open it for writing" : "cannot read", errno);
  }
  if (::fstat(F.FD, &St) != 0)
    return errnoError("cannot read");
  if (!S_ISREG(St.st_mode) ||
      FileIdentity{static_cast<uint64_t>(St.st_dev), static_cast<uint64_t>(St.st_ino)} != Id)
    return changedError();
  return F;
}

/// Whether \p FD still holds exactly \p Original.
Expected<bool> holds(int FD, StringRef Original) {
  struct stat St;
  if (::fstat(FD, &St) != 0)
    return errnoError("cannot read");
  if (static_cast<uint64_t>(St.st_size) != Original.size())
    return false;
  char Buf[1 << 16];
  for (size_t Done = 0; Done < Original.size();) {
    ssize_t N = ::pread(FD, Buf, std::min(sizeof Buf, Original.size() - Done), Done);
    if (N < 0 && errno == EINTR)
      continue;
    if (N < 0)
      return errnoError("cannot read");
    if (N == 0 || StringRef(Buf, N) != Original.substr(Done, N))
      return false;
    Done += N;
  }
  return true;
}

/// Takes the advisory lock another modlint takes too, then checks that the
/// file is unchanged: \p Dir's \p Name still names \p FD's inode, which
/// still holds the bytes read.
Error lockUnchanged(int Dir, StringRef Name, int FD, const RewriteTarget &T) {
  while (::flock(FD, LOCK_EX) != 0 && errno == EINTR) {
  } // a filesystem without flock: the checks below still stand
  SmallString<64> N(Name);
  struct stat Now;
  if (::fstatat(Dir, N.c_str(), &Now, AT_SYMLINK_NOFOLLOW) != 0 ||
      FileIdentity{static_cast<uint64_t>(Now.st_dev), static_cast<uint64_t>(Now.st_ino)} !=
          T.Identity)
    return changedError();
  Expected<bool> Same = holds(FD, T.Original);
  if (!Same)
    return Same.takeError();
  return *Same ? Error::success() : changedError();
}

/// Copies every extended attribute of \p From (POSIX ACLs are the
/// system.posix_acl_* ones) to \p To and drops those \p To got that \p From
/// lacks (a directory's default ACL); false if one cannot be copied.
bool copyXattrs(int From, int To) {
  auto List = [](int FD, SmallVectorImpl<char> &Names) {
    ssize_t N = ::flistxattr(FD, nullptr, 0);
    if (N < 0)
      return errno == ENOTSUP;
    Names.resize(N);
    N = ::flistxattr(FD, Names.data(), Names.size());
    if (N < 0)
      return false;
    Names.resize(N);
    return true;
  };
  SmallVector<char, 256> Have, Got, Value;
  if (!List(From, Have) || !List(To, Got))
    return false;
  auto Each = [](ArrayRef<char> Names) {
    SmallVector<StringRef, 8> Out;
    StringRef(Names.data(), Names.size()).split(Out, '\0', -1, false);
    return Out;
  };
  auto Wanted = Each(Have);
  for (StringRef Name : Each(Got))
    if (!is_contained(Wanted, Name) && ::fremovexattr(To, Name.data()) != 0)
      return false;
  for (StringRef Name : Wanted) {
    ssize_t N = ::fgetxattr(From, Name.data(), nullptr, 0);
    if (N < 0)
      return false;
    Value.resize(N);
    N = ::fgetxattr(From, Name.data(), Value.data(), Value.size());
    if (N < 0 || ::fsetxattr(To, Name.data(), Value.data(), N, 0) != 0)
      return false;
  }
  return true;
}

/// Truncates and rewrites the file itself: its inode, links and attributes
/// stay. Not atomic: a crash midway leaves it half written.
Error rewriteInPlace(int Dir, StringRef Name, const RewriteTarget &T, StringRef Text) {
  struct stat St;
  auto F = openSameFile(Dir, Name, T.Identity, O_RDWR, St);
  if (!F)
    return F.takeError();
  if (Hook)
    Hook(T.Path);
  if (Error E = lockUnchanged(Dir, Name, F->FD, T))
    return E;
  return writeAll(F->FD, Text);
}

enum class Replaced { Done, NeedsInPlace };

/// Writes \p Text to a temporary file beside the original, with its owner,
/// xattrs and mode, and renames it over the original if unchanged.
Expected<Replaced> replaceByRename(int Dir, StringRef Name, int Original, const struct stat &St,
                                   const RewriteTarget &T, StringRef Text) {
  SignalCleanup Cleanup;
  std::string Tmp;
  auto F = createTemporary(Dir, Tmp);
  if (!F)
    return F.takeError();
  auto Fail = [&](Error E) -> Expected<Replaced> {
    ::unlinkat(Dir, Tmp.c_str(), 0);
    return E;
  };
  if (Error E = writeAll(F->FD, Text))
    return Fail(std::move(E));
  // Owner first: chown clears setuid and setgid, which the mode then sets.
  // What cannot be kept (another user's file, fixed by one who may write
  // it but not give a file away) is kept by writing in place instead.
  if (::fchown(F->FD, St.st_uid, St.st_gid) != 0 || !copyXattrs(Original, F->FD)) {
    ::unlinkat(Dir, Tmp.c_str(), 0);
    return Replaced::NeedsInPlace;
  }
  if (::fchmod(F->FD, St.st_mode & 07777) != 0)
    return Fail(errnoError("cannot keep the file's mode"));
  if (Hook)
    Hook(T.Path);
  SmallString<64> N(Name);
  if (Error E = lockUnchanged(Dir, Name, Original, T))
    return Fail(std::move(E));
  if (::renameat(Dir, Tmp.c_str(), Dir, N.c_str()) != 0)
    return Fail(errnoError("cannot replace the file"));
  return Replaced::Done;
}

/// Whether \p Real lies inside the directory \p Root resolves to.
bool inside(StringRef Real, StringRef Root) {
  SmallString<256> R;
  if (sys::fs::real_path(Root, R))
    return false;
  if (!R.endswith("/"))
    R += "/";
  return Real.startswith(R);
}

/// Whether \p Real names a regular file that holds \p Text.
bool alreadyHolds(StringRef Real, StringRef Text) {
  SmallString<256> P(Real);
  UniqueFD F(::open(P.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
  struct stat St;
  if (F.FD < 0 || ::fstat(F.FD, &St) != 0 || !S_ISREG(St.st_mode))
    return false;
  Expected<bool> Same = holds(F.FD, Text);
  if (!Same) {
    consumeError(Same.takeError());
    return false;
  }
  return *Same;
}

} // namespace

void setBeforeReplaceHook(BeforeReplaceHook H) { Hook = H; }

/// rewriteFile() but for a file found changed.
Expected<bool> rewriteChecked(const RewriteTarget &T, StringRef Real, StringRef Text) {
  SmallString<256> DirPath(sys::path::parent_path(Real));
  StringRef Name = sys::path::filename(Real);
  UniqueFD Dir(::open(DirPath.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (Dir.FD < 0)
    return errnoError("cannot open its directory");
  struct stat St;
  auto Original = openSameFile(Dir.FD, Name, T.Identity, O_RDONLY, St);
  if (!Original)
    return Original.takeError();
  if (St.st_nlink == 1) {
    auto R = replaceByRename(Dir.FD, Name, Original->FD, St, T, Text);
    if (!R)
      return R.takeError();
    if (*R == Replaced::Done)
      return true;
  }
  if (Error E = rewriteInPlace(Dir.FD, Name, T, Text))
    return E;
  return true;
}

Expected<bool> rewriteFile(const RewriteTarget &T, StringRef Text) {
  // Through a link, the file it leads to is rewritten and the link kept.
  SmallString<256> Real;
  if (std::error_code EC = sys::fs::real_path(T.Path, Real)) {
    if (EC == std::errc::no_such_file_or_directory)
      return changedError();
    return createStringError(EC, "cannot resolve: %s", EC.message().c_str());
  }
  if (!T.LinkRoot.empty() && !inside(Real, T.LinkRoot))
    return false;
  Expected<bool> Written = rewriteChecked(T, Real, Text);
  // Changed into what this fix makes it (the same file reached through a
  // link too, or another run's identical fix): nothing is lost.
  if (!Written && Written.errorIsA<ChangedError>() && alreadyHolds(Real, Text)) {
    consumeError(Written.takeError());
    return true;
  }
  return Written;
}

} // namespace modlint
