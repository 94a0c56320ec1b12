; Inno Setup script: a per-user install of the one-folder build, no administrator rights needed.
;   iscc /DAppVersion=0.1.0 packaging\windows\kzdesk.iss     (after pyinstaller packaging\kzdesk.spec)
; Installs into %LOCALAPPDATA%\Programs\kzdesk, adds Start-menu shortcuts for this user only,
; writes nothing else to the registry than Windows' own uninstall entry, and never touches the
; vault on uninstall (it lives in the user's data folder, or on the stick in portable use).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6B3C1E52-8E1D-4B9A-9A2F-4C0D2E7B1A90}
AppName=kzdesk
AppVersion={#AppVersion}
AppPublisher=kzdesk maintainers
DefaultDirName={localappdata}\Programs\kzdesk
DefaultGroupName=kzdesk
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\..\build
OutputBaseFilename=kzdesk-{#AppVersion}-windows-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
LicenseFile=..\..\LICENSE
UninstallDisplayIcon={app}\kzdesk.exe
SetupIconFile=..\..\resources\icons\kzdesk.ico
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "ru"; MessagesFile: "compiler:Languages\Russian.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\..\build\dist\kzdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{userprograms}\kzdesk"; Filename: "{app}\kzdesk.exe"
Name: "{userdesktop}\kzdesk"; Filename: "{app}\kzdesk.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; Flags: unchecked

[Run]
Filename: "{app}\kzdesk.exe"; Description: "{cm:LaunchProgram,kzdesk}"; Flags: nowait postinstall skipifsilent
