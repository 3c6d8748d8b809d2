#include "tests/network/support/namespace.hpp"

#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <system_error>
#include <thread>

namespace rr::netlab {
namespace {

// Unique fd for /run/netns/<name>, closed on every path.
class NamespaceFd {
 public:
  explicit NamespaceFd(const std::string& name) : fd_(open(("/run/netns/" + name).c_str(), O_RDONLY | O_CLOEXEC)) {}
  ~NamespaceFd() {
    if (fd_ >= 0) close(fd_);
  }
  NamespaceFd(const NamespaceFd&) = delete;
  NamespaceFd& operator=(const NamespaceFd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

// "rrt-1234-a" or "rrt1234ra" → 1234; 0 when the name is not ours.
pid_t owner_pid(std::string_view name) {
  if (!name.starts_with("rrt")) return 0;
  name.remove_prefix(name.starts_with("rrt-") ? 4 : 3);
  pid_t pid = 0;
  size_t digits = 0;
  while (digits < name.size() && digits < 8 && name[digits] >= '0' && name[digits] <= '9') {
    pid = pid * 10 + (name[digits++] - '0');
  }
  return digits > 0 ? pid : 0;
}

bool process_gone(pid_t pid) { return pid > 0 && kill(pid, 0) != 0 && errno == ESRCH; }

}  // namespace

std::string owner_tag() { return std::to_string(getpid()); }

Namespace::Namespace(const std::string& role) : name_("rrt-" + owner_tag() + "-" + role) {
  must_run({"ip", "netns", "add", name_});
  must_run({"ip", "netns", "exec", name_, "ip", "link", "set", "lo", "up"});
}

Namespace::~Namespace() {
  // Processes started with exec() are reaped by then; anything else left inside is killed
  // so that the namespace (and the veth ends in it) really disappears.
  if (auto pids = run_command({"ip", "netns", "pids", name_}); pids.ok()) {
    for (size_t at = 0; at < pids.output.size();) {
      size_t end = pids.output.find('\n', at);
      if (end == std::string::npos) end = pids.output.size();
      if (pid_t pid = std::atoi(pids.output.substr(at, end - at).c_str()); pid > 0) kill(pid, SIGKILL);
      at = end + 1;
    }
  }
  run_command({"ip", "netns", "del", name_});
}

CommandResult Namespace::exec(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) const {
  std::vector<std::string> full{"ip", "netns", "exec", name_};
  full.insert(full.end(), argv.begin(), argv.end());
  return run_command(full, timeout);
}

void Namespace::run_inside(const std::function<void()>& work) const {
  std::exception_ptr failure;
  std::thread helper([&] {
    try {
      NamespaceFd fd(name_);
      if (fd.get() < 0 || setns(fd.get(), CLONE_NEWNET) != 0) {
        throw std::system_error(errno, std::generic_category(), "setns " + name_);
      }
      work();
    } catch (...) {
      failure = std::current_exception();
    }
  });
  helper.join();
  if (failure) std::rethrow_exception(failure);
}

// Processes a dead test started (relay, kamailio, sipp) outlive it: they run in their own
// process group. Each names a scratch file "/rrt-<pid>-..." of its test on its command line.
static void kill_stale_processes(std::vector<std::string>& removed) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
    const std::string pid_text = entry.path().filename().string();
    if (pid_text.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream in(entry.path() / "cmdline");
    std::string cmdline((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (size_t at = cmdline.find("/rrt-"); at != std::string::npos; at = cmdline.find("/rrt-", at + 1)) {
      if (process_gone(owner_pid(std::string_view(cmdline).substr(at + 1)))) {
        kill(std::atoi(pid_text.c_str()), SIGKILL);
        removed.push_back("process " + pid_text);
        break;
      }
    }
  }
}

std::vector<std::string> cleanup_stale_namespaces() {
  std::vector<std::string> removed;
  kill_stale_processes(removed);
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/run/netns", ec)) {
    const std::string name = entry.path().filename().string();
    if (process_gone(owner_pid(name)) && run_command({"ip", "netns", "del", name}).ok()) removed.push_back(name);
  }
  // Root-side veth ends of dead tests (their peers went with the namespace, or not).
  if (struct if_nameindex* links = if_nameindex()) {
    for (auto* l = links; l->if_index != 0; ++l) {
      const std::string name = l->if_name;
      if (process_gone(owner_pid(name)) && run_command({"ip", "link", "del", name}).ok()) removed.push_back(name);
    }
    if_freenameindex(links);
  }
  return removed;
}

}  // namespace rr::netlab
