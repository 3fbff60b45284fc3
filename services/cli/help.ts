// How `--help` reads: required options are marked as required, in the option list and in the usage line
// (commander lists them among the optional ones by default).
import { Help, type Command, type HelpConfiguration, type Option } from 'commander';

const standard = new Help();

export const helpConfiguration: HelpConfiguration = {
  optionDescription(option: Option): string {
    const text = standard.optionDescription(option);
    return option.mandatory ? `${text} (required)` : text;
  },
  commandUsage(command: Command): string {
    const usage = standard.commandUsage(command);
    const required = command.options.filter((option) => option.mandatory).map((option) => option.flags);
    return required.length === 0 ? usage : usage.replace('[options]', `${required.join(' ')} [options]`);
  },
};
