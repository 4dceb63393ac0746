; Inno Setup 6 script for the Windows installer of Amends.
;
; Build the program folder first (python packaging/build.py makes dist\amends\ with
; Amends.exe and amends-cli.exe, and runs this script when iscc is on PATH), or by hand:
;   iscc /DAppVersion=0.1.0 packaging\windows\amends.iss
; which writes dist\Amends-0.1.0-setup.exe. Paths below are relative to this file.
;
; Install mode: per user by default (no administrator needed); the first page lets IT pick
; "all users" instead, and so do the command-line switches /ALLUSERS and /CURRENTUSER.
; Unattended: Amends-VERSION-setup.exe /VERYSILENT /ALLUSERS /MERGETASKS="addtopath"
; Uninstalling removes the program, its shortcuts, the .amends association and the PATH
; entry; each user's drafts, settings and letter history stay where they are.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

#define AppName "Amends"
#define AppExe "Amends.exe"
#define DraftProgId "Amends.Draft"

[Setup]
; The AppId ties upgrades and the uninstaller together: never change it.
AppId={{A61FF7D4-16A6-411E-8A8E-489ABB8868A0}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
; PyInstaller builds a 64-bit program; Qt 6 needs Windows 10 1809 or later.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
SetupIconFile=..\..\resources\icons\amends.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2
SolidCompression=yes
OutputDir=..\..\dist
OutputBaseFilename=Amends-{#AppVersion}-setup
ChangesAssociations=yes
ChangesEnvironment=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "addtopath"; Description: "Add Amends to the PATH, so that amends-cli runs from any command prompt"; GroupDescription: "Command line:"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole runtime, so no library of an older version lingers beside the new one.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\..\dist\amends\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; HKA is HKLM\Software\Classes for an all-users install and HKCU\Software\Classes for a
; per-user one. The ProgID goes whole on uninstall; the .amends key only loses our values.
Root: HKA; Subkey: "Software\Classes\.amends"; ValueType: string; ValueName: ""; ValueData: "{#DraftProgId}"; Flags: uninsdeletevalue uninsdeletekeyifempty
Root: HKA; Subkey: "Software\Classes\.amends"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-amends-draft"; Flags: uninsdeletevalue uninsdeletekeyifempty
Root: HKA; Subkey: "Software\Classes\.amends\OpenWithProgids"; ValueType: string; ValueName: "{#DraftProgId}"; ValueData: ""; Flags: uninsdeletevalue uninsdeletekeyifempty
Root: HKA; Subkey: "Software\Classes\{#DraftProgId}"; ValueType: string; ValueName: ""; ValueData: "Amends letter draft"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#DraftProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#DraftProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".amends"; ValueData: ""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
// The PATH entry is added and removed here rather than in [Registry], which can only
// replace the whole value: uninstalling must take out our folder and leave the rest.

const
  SystemEnvironment = 'SYSTEM\CurrentControlSet\Control\Session Manager\Environment';

// The system PATH for an all-users install, the user's own for a per-user one.
function ReadPath(var Path: String): Boolean;
begin
  if IsAdminInstallMode then
    Result := RegQueryStringValue(HKEY_LOCAL_MACHINE, SystemEnvironment, 'Path', Path)
  else
    Result := RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Path);
end;

function WritePath(Path: String): Boolean;
begin
  if IsAdminInstallMode then
    Result := RegWriteExpandStringValue(HKEY_LOCAL_MACHINE, SystemEnvironment, 'Path', Path)
  else
    Result := RegWriteExpandStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Path);
end;

// True when a PATH entry names Dir, ignoring case and a trailing backslash.
function SameDir(Entry, Dir: String): Boolean;
begin
  Result := CompareText(RemoveBackslashUnlessRoot(Trim(Entry)), RemoveBackslashUnlessRoot(Dir)) = 0;
end;

// Path without the entries that name Dir; Found says whether there were any.
function PathWithout(Path, Dir: String; var Found: Boolean): String;
var
  Rest, Entry: String;
  Cut: Integer;
begin
  Result := '';
  Found := False;
  Rest := Path;
  while Rest <> '' do
  begin
    Cut := Pos(';', Rest);
    if Cut = 0 then
    begin
      Entry := Rest;
      Rest := '';
    end
    else
    begin
      Entry := Copy(Rest, 1, Cut - 1);
      Rest := Copy(Rest, Cut + 1, Length(Rest));
    end;
    if SameDir(Entry, Dir) then
      Found := True
    else if Entry <> '' then
    begin
      if Result <> '' then
        Result := Result + ';';
      Result := Result + Entry;
    end;
  end;
end;

procedure AddToPath(Dir: String);
var
  Path: String;
  Found: Boolean;
begin
  if not ReadPath(Path) then
    Path := '';
  PathWithout(Path, Dir, Found);
  if Found then
    Exit;
  if (Path <> '') and (Path[Length(Path)] <> ';') then
    Path := Path + ';';
  if not WritePath(Path + Dir) then
    Log('Could not add ' + Dir + ' to the PATH');
end;

procedure RemoveFromPath(Dir: String);
var
  Path, Kept: String;
  Found: Boolean;
begin
  if not ReadPath(Path) then
    Exit;
  Kept := PathWithout(Path, Dir, Found);
  if Found and not WritePath(Kept) then
    Log('Could not remove ' + Dir + ' from the PATH');
end;

procedure CurStepChanged(CurStep: TSetupStep);
begin
  if (CurStep = ssPostInstall) and WizardIsTaskSelected('addtopath') then
    AddToPath(ExpandConstant('{app}'));
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usUninstall then
    RemoveFromPath(ExpandConstant('{app}'));
end;
