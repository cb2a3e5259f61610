@echo off
rem Onshi Assistant (onshi-assistant): onshi check for monitoring tools, run by Task Scheduler as the terminal's user
rem (OQSComApp), whose per-user store holds the certificate (docs/MONITORING.md). It keeps
rem   C:\ProgramData\onshi-assistant\check.json   for Zabbix (userparameter_onshi_windows.conf)
rem   C:\ProgramData\onshi-assistant\check.txt    the plugin line, for RMM agents and NSClient++
rem   C:\ProgramData\onshi-assistant\check-prtg.json  PRTG's EXE/Script Advanced JSON
rem   C:\ProgramData\onshi-assistant\onshi.prom   when ONSHI_PROM_DIR names windows_exporter's textfile folder
rem Each file is written beside itself first, then moved over the old one, so a reader never sees half a file.
rem Register (as an administrator, once):
rem   schtasks /Create /TN "onshi-assistant\check" /SC MINUTE /MO 5 /RU OQSComApp /RP * /TR "C:\Users\OQSComApp\AppData\Local\Programs\onshi-assistant\onshi-check-task.cmd"
rem With the password stored (/RP *) the task runs in the background: no window flashes on the reception PC.
setlocal
set "ONSHI=%~dp0onshi.exe"
if not exist "%ONSHI%" set "ONSHI=%LOCALAPPDATA%\Programs\onshi-assistant\onshi.exe"
set "OUT=%ProgramData%\onshi-assistant"
if not exist "%OUT%" mkdir "%OUT%"
"%ONSHI%" check --json > "%OUT%\check.json.new" 2>NUL
move /Y "%OUT%\check.json.new" "%OUT%\check.json" >NUL
"%ONSHI%" check > "%OUT%\check.txt.new" 2>NUL
move /Y "%OUT%\check.txt.new" "%OUT%\check.txt" >NUL
"%ONSHI%" check --format prtg > "%OUT%\check-prtg.json.new" 2>NUL
move /Y "%OUT%\check-prtg.json.new" "%OUT%\check-prtg.json" >NUL
if defined ONSHI_PROM_DIR (
  "%ONSHI%" check --format prometheus > "%ONSHI_PROM_DIR%\onshi.prom.new" 2>NUL
  move /Y "%ONSHI_PROM_DIR%\onshi.prom.new" "%ONSHI_PROM_DIR%\onshi.prom" >NUL
)
endlocal
