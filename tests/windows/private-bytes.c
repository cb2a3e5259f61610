/* For npm run bench under Wine: prints the private bytes and the working set of the first running
 * process whose image is NAME.exe, as GetProcessMemoryInfo reports them (PROCESS_MEMORY_COUNTERS_EX's
 * PrivateUsage, the figure Task Manager calls "commit size" and Process Explorer "private bytes").
 *   private-bytes NAME.exe   ->   "PRIVATE WORKING-SET" in bytes; exit 1 when none runs or the call fails. */
#include <windows.h>
#include <tlhelp32.h>
#include <psapi.h>
#include <stdio.h>

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: private-bytes NAME.exe\n");
        return 2;
    }
    HANDLE snapshot = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
    if (snapshot == INVALID_HANDLE_VALUE) {
        fprintf(stderr, "CreateToolhelp32Snapshot failed: %lu\n", GetLastError());
        return 1;
    }
    PROCESSENTRY32 entry;
    entry.dwSize = sizeof entry;
    for (BOOL more = Process32First(snapshot, &entry); more; more = Process32Next(snapshot, &entry)) {
        if (lstrcmpiA(entry.szExeFile, argv[1]) != 0) continue;
        HANDLE process = OpenProcess(PROCESS_QUERY_INFORMATION | PROCESS_VM_READ, FALSE, entry.th32ProcessID);
        PROCESS_MEMORY_COUNTERS_EX counters;
        counters.cb = sizeof counters;
        if (!process || !GetProcessMemoryInfo(process, (PROCESS_MEMORY_COUNTERS *)&counters, sizeof counters)) {
            fprintf(stderr, "GetProcessMemoryInfo(%s) failed: %lu\n", argv[1], GetLastError());
            return 1;
        }
        printf("%llu %llu\n", (unsigned long long)counters.PrivateUsage,
               (unsigned long long)counters.WorkingSetSize);
        return 0;
    }
    fprintf(stderr, "no process named %s\n", argv[1]);
    return 1;
}
