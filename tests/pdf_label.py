"""A prescribing-label-style document (omalizumab, after tests/data/corpus/docs/xolair-label.txt)
as data, laid out as a PDF (reportlab platypus) and as a Word file (python-docx), with the
ground truth a reader must give back: every paragraph, list item (with its lead-in) and
table row, the section path it sits under, and (PDF) the page where it begins.

The layout is what real labels do: numbered sections ("5") and subsections ("5.1") in bold,
unnumbered bold sub-headings inside them, bulleted items that wrap onto two or three lines
under a hanging indent, lead-in lines ending in a colon, ruled tables whose cells wrap
onto several lines (one long enough to run onto the next page, its header row repeated
there), a running header and a page-numbered footer. Not a test module: tests/test_pdf_layout.py
uses it.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

TITLE = "XOLAIR (omalizumab) injection, for subcutaneous use"
HEADER = "XOLAIR (omalizumab) — Full Prescribing Information"
FOOTER = "Reference ID: 5512034 · Revised 04/2026 · Page {page}"

# The document, in reading order. ("section", text): a numbered section or subsection
# (its depth from the numbering); ("bold", text): an unnumbered bold sub-heading; ("para",
# text); ("list", lead-in or None, items); ("table", caption, header, rows).
STORY: list[tuple] = [
    ("bold", "WARNING: ANAPHYLAXIS"),
    ("para", "Anaphylaxis, presenting as bronchospasm, hypotension, syncope, urticaria, and/or angioedema of the "
             "throat or tongue, has been reported after administration of XOLAIR and can be life-threatening."),
    ("list", "Before each administration in a healthcare setting, keep the following in mind:", [
        "Anaphylaxis has occurred after the first dose of XOLAIR and has also occurred more than one year after "
        "the start of regularly scheduled treatment, so no dose can be assumed to be free of risk.",
        "Reactions usually begin within 2 hours of the injection, but an onset delayed by 2 to 24 hours or even "
        "longer has been reported in patients who had tolerated earlier doses without any symptoms.",
        "Healthcare providers who administer XOLAIR must be prepared to manage anaphylaxis, and should inform "
        "patients of its signs and symptoms and instruct them to seek immediate care if they occur.",
    ]),
    ("section", "1 INDICATIONS AND USAGE"),
    ("section", "1.1 Asthma"),
    ("para", "XOLAIR is an anti-immunoglobulin E (IgE) antibody indicated for patients 6 years of age and older "
             "with moderate to severe persistent asthma who have a positive skin test or in vitro reactivity to a "
             "perennial aeroallergen and whose symptoms are inadequately controlled with inhaled corticosteroids."),
    ("bold", "Limitations of Use"),
    ("para", "XOLAIR is not indicated for the relief of acute bronchospasm or status asthmaticus, and it is not "
             "indicated for other allergic conditions except those listed in this section of the label."),
    ("section", "1.2 Chronic Rhinosinusitis with Nasal Polyps"),
    ("para", "XOLAIR is indicated as add-on maintenance treatment of chronic rhinosinusitis with nasal polyps "
             "(CRSwNP) in adult patients 18 years of age and older with an inadequate response to nasal "
             "corticosteroids."),
    ("section", "1.3 IgE-Mediated Food Allergy"),
    ("para", "XOLAIR is indicated for the reduction of allergic reactions (Type I), including anaphylaxis, that "
             "may occur with accidental exposure to one or more foods in adult and pediatric patients aged 1 year "
             "and older with IgE-mediated food allergy, used in conjunction with food allergen avoidance."),
    ("section", "1.4 Chronic Spontaneous Urticaria"),
    ("para", "XOLAIR is indicated for adults and adolescents 12 years of age and older with chronic spontaneous "
             "urticaria (CSU) who remain symptomatic despite H1 antihistamine treatment; it is not indicated for "
             "other forms of urticaria."),
    ("section", "2 DOSAGE AND ADMINISTRATION"),
    ("section", "2.1 Determination of Dosage for Asthma, CRSwNP, and Food Allergy"),
    ("para", "For asthma, CRSwNP, and IgE-mediated food allergy, the dose in milligrams and the dosing frequency "
             "are determined from the serum total IgE level (IU/mL) measured before the start of treatment and "
             "from body weight in kilograms. Measure total IgE with any commercially available assay."),
    ("para", "Do not use IgE levels retested during treatment to determine the dose, because total IgE rises once "
             "treatment begins. After an interruption of less than one year, dose according to the original "
             "pretreatment IgE level; after one year or longer, retest total IgE before dosing again."),
    ("para", "Adjust the dose for significant changes in body weight during treatment. For adults with both "
             "asthma and nasal polyps, base the dose on the primary diagnosis for which XOLAIR is prescribed."),
    ("section", "2.2 Recommended Dosage for Asthma"),
    ("para", "Administer XOLAIR 75 mg to 375 mg by subcutaneous injection every 2 or 4 weeks. For patients 12 "
             "years of age and older, the dosing table covers pretreatment IgE of 30 to 700 IU/mL and body weight "
             "of 30 to 150 kg, as shown in Table 1 below."),
    ("table", "Table 1. Subcutaneous XOLAIR doses every 2 or 4 weeks for patients 12 years of age and older with "
              "asthma, by pretreatment serum IgE and body weight",
     ["Pretreatment serum IgE (IU/mL)", "Body weight 30 to 60 kg", "Body weight above 60 to 70 kg",
      "Body weight above 70 to 90 kg", "Body weight above 90 to 150 kg"],
     [["30 to 100 IU/mL", "150 mg every 4 weeks as one injection", "150 mg every 4 weeks as one injection",
       "150 mg every 4 weeks as one injection", "300 mg every 4 weeks as two injections"],
      ["Above 100 to 200 IU/mL", "300 mg every 4 weeks as two injections", "300 mg every 4 weeks as two injections",
       "300 mg every 4 weeks as two injections", "225 mg every 2 weeks as two injections"],
      ["Above 200 to 300 IU/mL", "300 mg every 4 weeks as two injections", "225 mg every 2 weeks as two injections",
       "225 mg every 2 weeks as two injections", "300 mg every 2 weeks as two injections"],
      ["Above 300 to 400 IU/mL", "225 mg every 2 weeks as two injections", "225 mg every 2 weeks as two injections",
       "300 mg every 2 weeks as two injections", "No dose: data are insufficient to recommend one"],
      ["Above 400 to 500 IU/mL", "300 mg every 2 weeks as two injections", "300 mg every 2 weeks as two injections",
       "375 mg every 2 weeks as three injections", "No dose: data are insufficient to recommend one"],
      ["Above 500 to 600 IU/mL", "300 mg every 2 weeks as two injections", "375 mg every 2 weeks as three injections",
       "No dose: data are insufficient to recommend one", "No dose: data are insufficient to recommend one"],
      ["Above 600 to 700 IU/mL", "375 mg every 2 weeks as three injections",
       "No dose: data are insufficient to recommend one", "No dose: data are insufficient to recommend one",
       "No dose: data are insufficient to recommend one"],
      ["Above 700 to 800 IU/mL in patients 6 to 11 years", "300 mg every 2 weeks as two injections",
       "375 mg every 2 weeks as three injections", "No dose: data are insufficient to recommend one",
       "No dose: data are insufficient to recommend one"],
      ["Above 800 to 900 IU/mL in patients 6 to 11 years", "375 mg every 2 weeks as three injections",
       "375 mg every 2 weeks as three injections", "No dose: data are insufficient to recommend one",
       "No dose: data are insufficient to recommend one"],
      ["Above 900 to 1,100 IU/mL in patients 6 to 11 years", "375 mg every 2 weeks as three injections",
       "No dose: data are insufficient to recommend one", "No dose: data are insufficient to recommend one",
       "No dose: data are insufficient to recommend one"]]),
    ("para", "Data are insufficient to recommend a dose outside the limits of the applicable table, which the "
             "table shows as no dose. Periodically reassess the need for continued therapy based upon the "
             "severity of the patient's disease and the level of asthma control."),
    ("section", "2.3 Recommended Dosage for CRSwNP and Food Allergy"),
    ("para", "Administer XOLAIR 75 mg to 600 mg by subcutaneous injection every 2 or 4 weeks according to the "
             "applicable dosing table, which covers pretreatment IgE of 30 to 1,500 IU/mL for CRSwNP and 30 to "
             "1,850 IU/mL for food allergy. Continue nasal corticosteroids, and continue to avoid allergenic foods."),
    ("section", "2.4 Recommended Dosage for CSU"),
    ("para", "Administer XOLAIR 150 mg or 300 mg by subcutaneous injection every 4 weeks. Dosing in CSU does not "
             "depend on the serum IgE level or on body weight. The appropriate duration of therapy for CSU has not "
             "been evaluated, so periodically reassess the need for continued therapy."),
    ("section", "2.5 Administration Overview and Self-Administration"),
    ("para", "XOLAIR is for subcutaneous use only; do not administer it intravenously or intramuscularly. Inject "
             "into the thigh or abdomen, avoiding the 2 inches around the navel, or into the outer upper arm when "
             "a healthcare provider or caregiver gives the injection."),
    ("bold", "Selecting Patients for Self-Administration"),
    ("para", "Begin XOLAIR in a healthcare setting. Once therapy has been safely established, the healthcare "
             "provider may determine whether self-injection with the prefilled syringe or autoinjector, by the "
             "patient or a caregiver, is appropriate for that patient."),
    ("list", "Criteria for selecting patients for self-administration include all of the following:", [
        "No prior history of anaphylaxis, including to XOLAIR or to other agents such as foods, drugs, or "
        "biologics; for patients treated for food allergy, a prior history of anaphylaxis to food is not by itself "
        "exclusionary.",
        "Receipt of at least 3 doses of XOLAIR under the guidance of a healthcare provider with no hypersensitivity "
        "reactions during or after any of those doses.",
        "Ability to recognize the symptoms of anaphylaxis and to treat anaphylaxis appropriately, including with "
        "epinephrine, which the patient or caregiver keeps available at home.",
        "Ability to perform subcutaneous injections with the prefilled syringe or autoinjector using proper "
        "technique after training by a healthcare provider.",
    ]),
    ("para", "The lyophilized powder is for administration by a healthcare provider only, and it is never used "
             "for self-administration by patients or caregivers."),
    ("section", "2.6 Preparation of the Lyophilized Powder"),
    ("para", "Reconstitute each 150 mg vial with 1.4 mL of Sterile Water for Injection, USP, and swirl gently "
             "without shaking. Dissolution may take 15 to 20 minutes or longer. Each reconstituted vial delivers "
             "150 mg in 1.2 mL, and no more than 150 mg is injected at a single site."),
    ("para", "Use the reconstituted solution within 8 hours if it is kept in the vial at 2°C to 8°C, or within "
             "4 hours if it is kept at room temperature, and protect it from direct sunlight."),
    ("section", "3 DOSAGE FORMS AND STRENGTHS"),
    ("list", None, [
        "For injection: 150 mg of omalizumab as a sterile, white, preservative-free lyophilized powder in a "
        "single-dose vial, supplied for reconstitution with Sterile Water for Injection.",
        "Injection: 75 mg/0.5 mL, 150 mg/mL, and 300 mg/2 mL clear to slightly opalescent, colorless to pale "
        "brownish-yellow solution in single-dose prefilled syringes with a needle shield.",
        "Injection: 75 mg/0.5 mL, 150 mg/mL, and 300 mg/2 mL clear to slightly opalescent solution in single-dose "
        "prefilled autoinjectors that hide the needle before and after the injection.",
    ]),
    ("section", "4 CONTRAINDICATIONS"),
    ("para", "XOLAIR is contraindicated in patients with a history of severe hypersensitivity reaction to XOLAIR "
             "or to any ingredient of XOLAIR, including reactions that occurred with the first dose."),
    ("section", "5 WARNINGS AND PRECAUTIONS"),
    ("section", "5.1 Anaphylaxis"),
    ("para", "Anaphylaxis has been reported in premarketing trials and in postmarketing reports, sometimes in "
             "patients with no prior history of anaphylaxis. In premarketing asthma trials it occurred in "
             "approximately 1 in 1,000 patients (0.1%). A cumulative postmarketing search found 898 cases against "
             "an estimated exposure of about 566,900 patient-treatment-years, a reporting rate of approximately "
             "0.2%. If a severe hypersensitivity reaction occurs, discontinue XOLAIR."),
    ("section", "5.2 Malignancy"),
    ("para", "In early controlled trials in asthma and other allergic disorders, malignant neoplasms were observed "
             "in 0.5% of XOLAIR-treated patients compared with 0.2% of control patients. Tumor types varied, and "
             "the short exposure in most cases makes a causal relationship uncertain."),
    ("bold", "Observational Cohort Study"),
    ("para", "In the observational cohort study EXCELS, patients 12 years of age and older with moderate to severe "
             "allergic asthma were followed for a median of about 5 years. Crude malignancy rates were similar with "
             "and without XOLAIR (rate ratio 0.84; 95% CI, 0.62 to 1.13), and the adjusted hazard ratio for all "
             "malignancies was 1.09 (95% CI, 0.87 to 1.38)."),
    ("section", "5.3 Acute Asthma Symptoms and Corticosteroid Reduction"),
    ("para", "XOLAIR has not been shown to alleviate acute asthma exacerbations, and it should not be used to "
             "treat acute bronchospasm or status asthmaticus. Do not discontinue systemic or inhaled "
             "corticosteroids abruptly when starting XOLAIR; taper them gradually under a physician's supervision."),
    ("section", "5.4 Eosinophilic Conditions"),
    ("para", "Rarely, patients with asthma on XOLAIR have presented with serious systemic eosinophilia, sometimes "
             "with vasculitis consistent with eosinophilic granulomatosis with polyangiitis, usually in association "
             "with the reduction of oral corticosteroids. A causal association has not been established."),
    ("list", "Be alert to the following in patients with eosinophilia:", [
        "A vasculitic rash, or worsening pulmonary symptoms that do not respond to the usual treatment of the "
        "patient's asthma.",
        "Cardiac complications or neuropathy presenting in a patient whose corticosteroid dose has recently been "
        "reduced or stopped.",
    ]),
    ("section", "5.5 Fever, Arthralgia, and Rash"),
    ("para", "Some patients have developed arthritis or arthralgia, rash, fever, and lymphadenopathy beginning 1 "
             "to 5 days after the first or a later injection, resembling serum sickness. Symptoms recurred with "
             "further doses in some patients, so stop XOLAIR if this constellation of signs occurs."),
    ("section", "5.6 Parasitic (Helminth) Infection"),
    ("para", "In a one-year placebo-controlled trial in Brazil in patients at high risk of intestinal helminth "
             "infection, the infection rate was slightly, but not significantly, higher with XOLAIR; the course, "
             "severity, and response to treatment were unchanged. Monitor patients at high risk of geohelminth "
             "infection while they are treated."),
    ("section", "5.7 Laboratory Tests"),
    ("para", "Total IgE rises after the first dose because omalizumab-IgE complexes are cleared more slowly than "
             "free IgE. Total IgE measured during treatment, or for up to one year afterward, should not be used "
             "to reassess the dosing regimen."),
    ("section", "6 ADVERSE REACTIONS"),
    ("section", "6.1 Clinical Trials Experience"),
    ("para", "Because clinical trials are conducted under widely varying conditions, adverse reaction rates "
             "observed in the clinical trials of a drug cannot be directly compared with rates in the clinical "
             "trials of another drug and may not reflect the rates observed in practice."),
    ("bold", "Asthma in Patients 12 Years of Age and Older"),
    ("para", "The data reflect exposure in 2,076 patients, including 1,687 treated for 6 months and 555 for one "
             "year or longer. The mean age was 42 years; 134 patients were 65 or older; 60% were women and 85% "
             "were Caucasian. Doses were 150 to 375 mg every 2 or 4 weeks."),
    ("list", "Common (may affect up to 1 in 10 people):", [
        "Injection site reaction, reported in 45% of patients and at a similar rate with XOLAIR and with the "
        "control treatment in the pooled trials.",
        "Viral infections in 23% of patients and upper respiratory tract infection in 20% of patients, again at "
        "rates similar to control.",
        "Sinusitis in 16% of patients, headache in 15% of patients, and pharyngitis in 11% of patients, none of "
        "them more frequent than with control.",
    ]),
    ("list", "Uncommon (more frequent with XOLAIR than with placebo):", [
        "Arthralgia, pain in general, leg pain and arm pain, and fatigue, each reported by a small share of "
        "patients in the placebo-controlled trials.",
        "Dizziness, fracture, pruritus, dermatitis, and earache, which were also more frequent with XOLAIR than "
        "with placebo.",
    ]),
    ("bold", "Chronic Spontaneous Urticaria"),
    ("para", "Safety was assessed in ASTERIA I, ASTERIA II, and GLACIAL in patients 12 to 75 years of age on H1 "
             "antihistamines. In ASTERIA II, serious adverse events occurred in 6% of the 300 mg group, 3% of the "
             "placebo group, and 1% of each of the 150 mg and 75 mg groups; none was judged drug related."),
    ("table", "Table 2. Adverse reactions in CSU occurring in at least 1% of XOLAIR patients and at least 2% "
              "more often than placebo",
     ["Adverse reaction by system organ class", "Placebo, percent of patients (n=242)",
      "XOLAIR 300 mg, percent of patients (n=412)", "Period of observation in the pooled trials"],
     [["Headache (nervous system disorders)", "2.9", "6.1", "Weeks 1 to 12 in ASTERIA I, ASTERIA II and GLACIAL"],
      ["Sinusitis (infections and infestations)", "2.1", "4.9", "Weeks 1 to 12 in ASTERIA I, ASTERIA II and GLACIAL"],
      ["Arthralgia (musculoskeletal and connective tissue disorders)", "0.4", "2.9",
       "Weeks 1 to 12 in ASTERIA I, ASTERIA II and GLACIAL"],
      ["Injection site reaction (general disorders and administration site conditions)", "0.8", "2.7",
       "Weeks 1 to 12 in ASTERIA I, ASTERIA II and GLACIAL"],
      ["Upper respiratory tract infection (infections and infestations)", "3.1", "5.7",
       "Weeks 1 to 24 in ASTERIA I and GLACIAL only"]]),
    ("bold", "Injection Site Reactions"),
    ("para", "Reactions at the injection site included bruising, redness, warmth, burning, stinging, itching, "
             "hives, pain, induration, and inflammation. Most began within one hour, lasted less than 8 days, and "
             "became less frequent with later doses."),
    ("section", "6.2 Postmarketing Experience"),
    ("list", "The following adverse reactions have been identified during postapproval use of XOLAIR:", [
        "Anaphylaxis and anaphylactoid reactions, including delayed reactions that began more than 24 hours after "
        "the injection.",
        "Eosinophilic granulomatosis with polyangiitis, and serum sickness-like reactions with fever, arthralgia, "
        "rash, and lymphadenopathy.",
        "Idiopathic severe thrombocytopenia, alopecia, myalgia, joint swelling, and systemic lupus "
        "erythematosus, whose frequency and causality cannot always be established.",
    ]),
    ("section", "7 DRUG INTERACTIONS"),
    ("para", "No formal drug interaction studies have been performed with XOLAIR. Interactions through cytochrome "
             "P450 enzymes, efflux pumps, or protein binding are not expected for a monoclonal antibody."),
    ("bold", "Concomitant Therapies in Clinical Trials"),
    ("para", "In clinical trials XOLAIR was used with inhaled and oral corticosteroids, short- and long-acting beta "
             "agonists, leukotriene modifiers, theophyllines, H1 and H2 antihistamines, and intranasal mometasone "
             "without apparent effect on its safety. Use with allergen immunotherapy has not been established."),
    ("section", "8 USE IN SPECIFIC POPULATIONS"),
    ("section", "8.1 Pregnancy"),
    ("para", "The EXPECT pregnancy registry enrolled 250 pregnant women with asthma exposed to XOLAIR. Compared "
             "with a disease-matched cohort of 1,153 pregnant women with moderate to severe asthma in Quebec, "
             "Canada, the prevalence of major congenital anomalies among singleton infants was 8.1% with XOLAIR and "
             "8.9% in the comparator cohort."),
    ("para", "The observational design of the registry limits the conclusions that can be drawn from it. Human "
             "IgG crosses the placenta, increasingly in the third trimester, and poorly controlled asthma in "
             "pregnancy raises the risk of preeclampsia, prematurity, and low birth weight."),
    ("section", "8.2 Lactation"),
    ("para", "There are no data on the presence of omalizumab in human milk or on its effects on the breastfed "
             "infant. Human IgG is present in human milk, and omalizumab was found in the milk of cynomolgus "
             "monkeys."),
    ("section", "8.4 Pediatric Use"),
    ("para", "Safety and effectiveness have been established for asthma from 6 years of age, for IgE-mediated "
             "food allergy from 1 year of age, and for CSU from 12 years of age. They have not been established in "
             "patients younger than 18 years with CRSwNP."),
    ("section", "8.5 Geriatric Use"),
    ("para", "In the asthma trials, 134 patients 65 years of age or older received XOLAIR. No age-related "
             "differences in safety or effectiveness were apparent, but the numbers are too small to exclude them."),
    ("section", "10 OVERDOSAGE"),
    ("para", "The maximum tolerated dose of XOLAIR has not been determined. Single intravenous doses of up to "
             "4,000 mg have been given without dose-limiting toxicity, and the highest cumulative dose, 44,000 mg "
             "over 20 weeks, was not associated with acute toxicity. Treat overdose symptomatically."),
    ("section", "11 DESCRIPTION"),
    ("para", "Omalizumab is a recombinant humanized IgG1κ monoclonal antibody that selectively binds human IgE, "
             "with a molecular weight of approximately 149 kDa. It is produced in Chinese hamster ovary cells in a "
             "medium containing gentamicin, which is not detectable in the final product."),
    ("para", "The single-dose vial contains 202.5 mg of lyophilized omalizumab with sucrose, L-histidine, "
             "L-histidine hydrochloride monohydrate, and polysorbate 20, and it delivers 150 mg in 1.2 mL after "
             "reconstitution with Sterile Water for Injection."),
    ("section", "12 CLINICAL PHARMACOLOGY"),
    ("section", "12.1 Mechanism of Action"),
    ("para", "Omalizumab binds the Cε3 domain of free IgE and blocks its binding to the high-affinity receptor "
             "FcεRI on mast cells, basophils, and dendritic cells, limiting the release of allergic mediators. It "
             "also down-regulates FcεRI on basophils."),
    ("section", "12.2 Pharmacodynamics"),
    ("para", "Free IgE fell in a dose-dependent manner within one hour of the first dose and stayed low between "
             "doses. Total IgE rose because complexes are cleared more slowly than free IgE, and it may take up to "
             "one year to return to baseline after treatment stops."),
    ("section", "12.3 Pharmacokinetics"),
    ("bold", "Absorption"),
    ("para", "After subcutaneous injection, omalizumab is absorbed slowly, with peak serum concentrations after an "
             "average of 7 to 8 days and a mean absolute bioavailability of 62%. Its pharmacokinetics are linear "
             "at doses above 0.5 mg/kg."),
    ("bold", "Elimination"),
    ("para", "Elimination involves IgG clearance in the reticuloendothelial system and endothelial cells, biliary "
             "excretion of intact IgG, and binding to IgE. In asthma, the mean elimination half-life was 26 days "
             "and the apparent clearance 2.4 ± 1.1 mL/kg/day; doubling body weight roughly doubled clearance."),
    ("section", "13 NONCLINICAL TOXICOLOGY"),
    ("para", "No carcinogenicity or genotoxicity studies have been conducted with omalizumab. It had no effect on "
             "fertility in male or female cynomolgus monkeys at doses up to 75 mg/kg per week."),
    ("section", "14 CLINICAL STUDIES"),
    ("section", "14.1 Asthma"),
    ("para", "Efficacy in allergic asthma was established in randomized, double-blind, placebo-controlled trials "
             "in patients with a positive skin test to a perennial aeroallergen who remained symptomatic on inhaled "
             "corticosteroids. In a pooled analysis of seven studies with 4,308 patients, XOLAIR reduced "
             "exacerbations by 38% and emergency visits by 47% versus control."),
    ("table", "Table 3. Selected asthma trial results with XOLAIR and placebo",
     ["Trial and duration", "Population studied", "End point measured", "XOLAIR result", "Placebo result"],
     [["INNOVATE, 28 weeks of treatment", "Severe allergic asthma uncontrolled on high-dose inhaled "
       "corticosteroids, n=419", "Adjusted clinically significant exacerbation rate", "0.68", "0.91"],
      ["Inner-city trial, 60 weeks of treatment", "Inner-city children, adolescents and young adults, n=419",
       "Symptom days per 2 weeks", "1.48", "1.96"],
      ["Inner-city trial, 60 weeks of treatment (second end point)", "Inner-city children, adolescents and young "
       "adults, n=419", "Participants with at least one exacerbation", "30.3%", "48.8%"]]),
    ("section", "14.2 Chronic Spontaneous Urticaria"),
    ("para", "ASTERIA I and ASTERIA II randomized patients 12 to 75 years of age with CSU despite H1 "
             "antihistamines to XOLAIR 75, 150, or 300 mg or placebo every 4 weeks, each followed by 16 weeks off "
             "treatment. The primary end point was the change at Week 12 in the weekly itch severity score."),
    ("section", "16 HOW SUPPLIED/STORAGE AND HANDLING"),
    ("list", None, [
        "Single-dose vial of lyophilized powder that delivers 150 mg of omalizumab after reconstitution, in a "
        "carton of one vial.",
        "Single-dose prefilled syringes of 75 mg/0.5 mL, 150 mg/mL, and 300 mg/2 mL, each in a carton of one "
        "syringe.",
        "Single-dose prefilled autoinjectors of 75 mg/0.5 mL, 150 mg/mL, and 300 mg/2 mL, each in a carton of "
        "one autoinjector.",
    ]),
    ("para", "Store XOLAIR refrigerated at 2°C to 8°C (36°F to 46°F) in the original carton to protect it from "
             "light, and do not freeze or shake it. Let syringes and autoinjectors reach room temperature in the "
             "carton before the injection."),
    ("section", "17 PATIENT COUNSELING INFORMATION"),
    ("para", "Advise patients to read the FDA-approved patient labeling, the Medication Guide and the Instructions "
             "for Use, before the first injection and before each later injection."),
    ("bold", "Anaphylaxis"),
    ("para", "Tell patients that anaphylaxis can follow any dose, including the first, and may be delayed by 24 "
             "hours or more; they should seek emergency care at once if signs of it occur."),
    ("list", "Signs of anaphylaxis that patients should know:", [
        "Wheezing, shortness of breath, cough, chest tightness, or trouble breathing, alone or together with other "
        "symptoms.",
        "Dizziness, fainting, a rapid or weak heartbeat, anxiety, or a feeling of warmth spreading over the body.",
        "Flushing, itching, hives, or swelling of the throat or tongue, throat tightness, a hoarse voice, or "
        "trouble swallowing.",
    ]),
    ("bold", "Self-Injection"),
    ("para", "Patients or caregivers must be trained in injection technique and in recognizing and treating "
             "anaphylaxis, including with epinephrine, before they inject XOLAIR outside a healthcare setting."),
]


@dataclass
class Truth:
    """One passage the reader must give back whole: a paragraph, a list item or a table row."""
    kind: str  # "para", "item" or "row"
    text: str  # the paragraph or item (without its bullet); a row: its cells joined by " | "
    path: tuple[str, ...]  # the section path it sits under (an item: with its lead-in; a row: with its caption)
    lead: str | None = None  # an item's lead-in line, a row's caption
    cells: tuple[str, ...] = ()  # a row's cells
    header: tuple[str, ...] = ()  # a row's column names
    page: int = 0  # PDF: the page where it begins
    lead_page: int = 0  # PDF, an item: the page where its lead-in begins


def ground_truth() -> list[Truth]:
    """Every passage of STORY in order, with its section path (pages: see render_pdf)."""
    out: list[Truth] = []
    numbered: list[str] = []
    bold: str | None = None
    for entry in STORY:
        kind = entry[0]
        if kind == "section":
            depth = entry[1].split()[0].count(".") + 1
            numbered = numbered[:depth - 1] + [entry[1]]
            bold = None
            continue
        if kind == "bold":
            bold = entry[1]
            continue
        base = (TITLE, *numbered) + ((bold,) if bold else ())
        if kind == "para":
            out.append(Truth("para", entry[1], base))
        elif kind == "list":
            lead, items = entry[1], entry[2]
            path = base + ((lead.rstrip(" :"),) if lead else ())
            out += [Truth("item", item, path, lead) for item in items]
        else:
            caption, header, rows = entry[1:]
            out += [Truth("row", " | ".join(row), base + (caption.rstrip(" :."),), caption, tuple(row), tuple(header))
                    for row in rows]
    return out


# ---------------------------------------------------------------- PDF


def render_pdf(path: Path) -> tuple[list[Truth], int]:
    """Lay STORY out as a label PDF; the ground truth with each passage's page, and the
    number of pages."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer, Table, TableStyle

    from benchmarks.documents import font
    face = font()
    bold_face = "DejaVu-Bold"
    body = ParagraphStyle("body", fontName=face, fontSize=10, leading=13, spaceAfter=6)
    lead = ParagraphStyle("lead", parent=body, spaceAfter=3)
    item = ParagraphStyle("item", parent=body, leftIndent=16, bulletIndent=4, spaceAfter=3, bulletFontName=face)
    title = ParagraphStyle("title", fontName=bold_face, fontSize=14, leading=18, spaceAfter=10)
    section = ParagraphStyle("section", fontName=bold_face, fontSize=11, leading=14, spaceBefore=10, spaceAfter=5)
    subsection = ParagraphStyle("subsection", fontName=bold_face, fontSize=10, leading=13, spaceBefore=6,
                                spaceAfter=4)
    bold = ParagraphStyle("bold", fontName=bold_face, fontSize=10, leading=13, spaceBefore=4, spaceAfter=3)
    caption = ParagraphStyle("caption", fontName=bold_face, fontSize=10, leading=13, spaceBefore=4, spaceAfter=4)
    cell = ParagraphStyle("cell", fontName=face, fontSize=9, leading=11)
    head_cell = ParagraphStyle("head", parent=cell, fontName=bold_face)

    story = [Paragraph(escape(TITLE), title)]
    for entry in STORY:
        kind = entry[0]
        if kind == "section":
            story.append(Paragraph(escape(entry[1]), section if "." not in entry[1].split()[0] else subsection))
        elif kind == "bold":
            story.append(Paragraph(escape(entry[1]), bold))
        elif kind == "para":
            story.append(Paragraph(escape(entry[1]), body))
        elif kind == "list":
            if entry[1]:
                story.append(Paragraph(escape(entry[1]), lead))
            story += [Paragraph(escape(text), item, bulletText="•") for text in entry[2]]
            story.append(Spacer(1, 3))
        else:
            name, header, rows = entry[1:]
            story.append(Paragraph(escape(name), caption))
            data = [[Paragraph(escape(c), head_cell) for c in header]]
            data += [[Paragraph(escape(c), cell) for c in row] for row in rows]
            width = 468.0
            first = 0.24 * width
            widths = [first] + [(width - first) / (len(header) - 1)] * (len(header) - 1)
            grid = Table(data, colWidths=widths, repeatRows=1)
            grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                      ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                      ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey)]))
            grid._truth_rows = [row[0] for row in rows]
            story += [grid, Spacer(1, 8)]

    drawn: list[tuple[str, tuple[str, ...], int]] = []  # ("p", (text,), page) / ("t", row labels, page)

    class Doc(BaseDocTemplate):
        def afterFlowable(self, flowable):
            if isinstance(flowable, Paragraph):
                text = flowable.getPlainText() or " ".join(w for f in flowable.frags for w in getattr(f, "words", ()))
                drawn.append(("p", (" ".join(text.split()),), self.page))  # a split paragraph's parts: their words
            elif isinstance(flowable, Table):
                firsts = [row[0][0] if isinstance(row[0], (list, tuple)) else row[0] for row in flowable._cellvalues]
                labels = tuple(" ".join(f.getPlainText().split()) for f in firsts)
                drawn.append(("t", labels, self.page))

    def furniture(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(face, 8)
        canvas.drawString(72, letter[1] - 40, HEADER)
        canvas.drawRightString(letter[0] - 72, 30, FOOTER.format(page=doc.page))
        canvas.restoreState()

    doc = Doc(str(path), pagesize=letter, leftMargin=72, rightMargin=72, topMargin=72, bottomMargin=66)
    frame = Frame(72, 66, letter[0] - 144, letter[1] - 72 - 66, id="body")
    doc.addPageTemplates([PageTemplate(frames=[frame], onPage=furniture)])
    doc.build(story)
    truth = ground_truth()
    _pages(truth, drawn)
    return truth, max(page for _, _, page in drawn)


def _pages(truth: list[Truth], drawn: list[tuple[str, tuple[str, ...], int]]) -> None:
    """Each passage's page: that of the first drawn piece of it (a paragraph split over a
    page break is drawn as two; a table as one part per page, its header row repeated)."""
    k = 0
    lead = None
    for t in truth:
        if t.kind == "item" and t.lead and t.lead is not lead:  # the list's lead-in comes first
            while not (drawn[k][0] == "p" and drawn[k][1][0] == t.lead):
                k += 1
            lead_page = drawn[k][2]
            k += 1
        lead = t.lead
        if t.kind == "item" and t.lead:
            t.lead_page = lead_page
        if t.kind in ("para", "item"):
            while not (drawn[k][0] == "p" and drawn[k][1][0] and t.text.startswith(drawn[k][1][0])):
                k += 1
            t.page = drawn[k][2]
            k += 1
        else:
            while not (drawn[k][0] == "t" and t.cells[0] in drawn[k][1][1:]):
                k += 1
            t.page = drawn[k][2]


# ---------------------------------------------------------------- Word


def render_docx(path: Path) -> list[Truth]:
    """The same document as a Word file: the title in the Title style, numbered sections in
    Heading 2 and 3 (by their numbering), the unnumbered sub-headings in Heading 4, bulleted
    items in List Bullet, tables as real tables with their caption above, the running header
    and footer in the section's header and footer."""
    import docx
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = HEADER
    document.sections[0].footer.paragraphs[0].text = FOOTER.format(page=1)
    document.add_heading(TITLE, 0)
    for entry in STORY:
        kind = entry[0]
        if kind == "section":
            document.add_heading(entry[1], 2 if "." not in entry[1].split()[0] else 3)
        elif kind == "bold":
            document.add_heading(entry[1], 4)
        elif kind == "para":
            document.add_paragraph(entry[1])
        elif kind == "list":
            if entry[1]:
                document.add_paragraph(entry[1])
            for text in entry[2]:
                document.add_paragraph(text, style="List Bullet")
        else:
            name, header, rows = entry[1:]
            document.add_paragraph().add_run(name).bold = True
            table = document.add_table(rows=len(rows) + 1, cols=len(header))
            table.style = "Table Grid"
            for row, values in zip(table.rows, [header] + rows):
                for c, value in zip(row.cells, values):
                    c.text = value
    document.save(str(path))
    return ground_truth()
